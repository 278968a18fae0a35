// Tables for CPython 3.14 and 3.15, written by hand from CPython's sources (and checked field by field against
// the headers of the Debian builds scripts/install-test-pythons installs: UngeneratedLayoutTests).
// Every 3.14 and 3.15 build carries `_Py_DebugOffsets`, which replaces most of these values with the exact
// ones of the running build (`DebugOffsets.applied(to:)`); these tables supply the rest and are marked
// `requiresDebugOffsets`.
//
// How they were placed: the struct definitions were taken from CPython's headers (as listed per group below)
// and laid out with x86_64 Linux rules; for 3.14.0 the whole header set, as rendered by bindgen for py-spy's
// v3_14_0 bindings, was also compiled with gcc and gave the same numbers, which match the 3.14.0 column of
// the py-spy reference table. Values that could not be placed by hand are called out.

extension PythonLayout {
    /// CPython 3.14 (exact for 3.14.0; later 3.14 patch releases moved `imports.modules`).
    package static let v3_14 = PythonLayout(
        major: 3, minor: 14,
        // _PyRuntimeState and PyInterpreterState: Include/internal/pycore_runtime_structs.h and
        // pycore_interp_structs.h, placed by gcc from the 3.14.0 headers (too large to lay out by hand). Their
        // `_gil_runtime_state` (pycore_interp_structs.h) is unchanged since 3.12: interval, last_holder, locked.
        runtimeInterpretersHead: 808,
        interpNext: 7272, interpThreadsHead: 7344, interpModules: 7664, interpCevalGil: 16,
        gilLastHolder: 8, gilLocked: 16,
        // PyThreadState: Include/cpython/pystate.h. 3.14 adds `holds_gil` after `_status` and ends with the
        // 516-byte `_PyRemoteDebuggerSupport` (PEP 768), hence the size.
        threadStateSize: 824, threadStateNext: 8, threadStateInterp: 16, threadStateCurrentFrame: 72,
        threadStateThreadId: 152, threadStateNativeThreadId: 160,
        // _PyInterpreterFrame: Include/internal/pycore_interpframe_structs.h. `f_executable` and `f_funcobj` are
        // `_PyStackRef` (one tagged word); `stackpointer` precedes `return_offset` (u16), `owner`, `visited`.
        interpreterFrameSize: 88, interpreterFrameCode: 0, interpreterFramePrevious: 8,
        interpreterFrameInstrPtr: 56, interpreterFrameOwner: 74, interpreterFrameLocalsplus: 80,
        // PyCodeObject: Include/cpython/code.h. `_co_unique_id` (3.14) pushes `_co_firsttraceable` and
        // `co_code_adaptive` down one word from 3.13.
        codeSize: 216, codeArgcount: 52, codeNlocals: 80, codeFirstlineno: 68, codeVarnames: 96,
        codeFilename: 112, codeName: 120, codeQualname: 128, codeLinetable: 136, codeCodeAdaptive: 208,
        codeFirstTraceable: 192,
        // Object headers: Include/object.h, cpython/object.h (PyTypeObject is 416 bytes, so
        // `ht_cached_keys` = 416 + the five method tables + three names), cpython/tupleobject.h (3.14 adds
        // `ob_hash` before `ob_item`), cpython/unicodeobject.h, cpython/longintrepr.h, cpython/floatobject.h,
        // cpython/bytesobject.h, internal/pycore_moduleobject.h.
        objectType: 8, varObjectSize: 16, typeName: 24, typeBasicsize: 32, typeFlags: 168, typeDictoffset: 288,
        heapTypeCachedKeys: 880, tupleItems: 32, listItems: 24, bytesData: 32, unicodeLength: 16,
        unicodeState: 32, asciiObjectSize: 40, compactUnicodeObjectSize: 56, unicodeData: 56, longDigits: 24,
        longTag: 16, floatValue: 16, moduleDict: 16,
        // PyDictObject: Include/cpython/dictobject.h; PyDictKeysObject and PyDictValues:
        // Include/internal/pycore_dict.h (GIL build: no `dk_mutex`), unchanged from 3.13.
        dictUsed: 16, dictKeys: 32, dictValues: 40, dictKeysLog2Size: 8, dictKeysLog2IndexBytes: 9,
        dictKeysKind: 10, dictKeysNentries: 24, dictKeysIndices: 32, dictValuesValues: 8,
        requiresDebugOffsets: true,
        // Locals. PyCodeObject (Include/cpython/code.h): `co_flags` follows `co_exceptiontable`, then the seven
        // ints `co_argcount`, `co_posonlyargcount`, `co_kwonlyargcount`, …; `co_localspluskinds` follows
        // `co_localsplusnames`, as in 3.12 and 3.13. PyCellObject (Include/cpython/cellobject.h) is the object
        // header and `ob_ref`. PySetObject and setentry (Include/cpython/setobject.h) are unchanged since 3.5:
        // `fill`, `used`, `mask`, `table` after the header; entries are `{key, hash}`.
        codeFlags: 48, codeKwonlyargcount: 60, codeLocalsplusKinds: 104, cellObjectRef: 16, setUsed: 24,
        setMask: 32, setTable: 40, setEntryKey: 0, setEntryHash: 8, setEntrySize: 16
    )

    /// CPython 3.15 (the release-candidate headers). Usable only through `_Py_DebugOffsets`, which every 3.15
    /// build has: the interpreter-state values below are placeholders.
    package static let v3_15 = PythonLayout(
        major: 3, minor: 15,
        // _PyRuntimeState and PyInterpreterState (pycore_runtime_structs.h, pycore_interp_structs.h) could not
        // be placed by hand. `runtimeInterpretersHead` is left unknown; the three interpreter offsets are
        // 3.14.0's and are always replaced by the block's `interpreter_state` group. `ceval.gil` is still the
        // first word of `ceval` and `_gil_runtime_state` is unchanged.
        interpNext: 7272, interpThreadsHead: 7344, interpModules: 7664, interpCevalGil: 16,
        gilLastHolder: 8, gilLocked: 16,
        // PyThreadState: Include/cpython/pystate.h. 3.15 adds `gil_requested` after `holds_gil`, then
        // `base_frame`, `last_profiled_frame`, `last_profiled_frame_seq` after `current_frame` (+24 for
        // `thread_id`), `datastack_cached_chunk` and `jit_exit`, and a trailing 24-byte `ensure` struct.
        threadStateSize: 888, threadStateNext: 8, threadStateInterp: 16, threadStateCurrentFrame: 72,
        threadStateThreadId: 176, threadStateNativeThreadId: 184,
        // _PyInterpreterFrame: Include/internal/pycore_interpframe_structs.h, the same fields as 3.14 in a GIL
        // build (`tlbc_index` exists only with Py_GIL_DISABLED). Note the owner values of this header: 3 is
        // FRAME_OWNED_BY_INTERPRETER and 4 the thread state's sentinel base frame.
        interpreterFrameSize: 88, interpreterFrameCode: 0, interpreterFramePrevious: 8,
        interpreterFrameInstrPtr: 56, interpreterFrameOwner: 74, interpreterFrameLocalsplus: 80,
        // PyCodeObject: Include/cpython/code.h, field for field the same as 3.14.
        codeSize: 216, codeArgcount: 52, codeNlocals: 80, codeFirstlineno: 68, codeVarnames: 96,
        codeFilename: 112, codeName: 120, codeQualname: 128, codeLinetable: 136, codeCodeAdaptive: 208,
        codeFirstTraceable: 192,
        // Object headers as in 3.14, except that PyTypeObject gains `_tp_iteritem` (424 bytes), which moves
        // `ht_cached_keys` to 424 + 464.
        objectType: 8, varObjectSize: 16, typeName: 24, typeBasicsize: 32, typeFlags: 168, typeDictoffset: 288,
        heapTypeCachedKeys: 888, tupleItems: 32, listItems: 24, bytesData: 32, unicodeLength: 16,
        unicodeState: 32, asciiObjectSize: 40, compactUnicodeObjectSize: 56, unicodeData: 56, longDigits: 24,
        longTag: 16, floatValue: 16, moduleDict: 16,
        // Dicts: Include/cpython/dictobject.h and Include/internal/pycore_dict.h, unchanged from 3.14.
        dictUsed: 16, dictKeys: 32, dictValues: 40, dictKeysLog2Size: 8, dictKeysLog2IndexBytes: 9,
        dictKeysKind: 10, dictKeysNentries: 24, dictKeysIndices: 32, dictValuesValues: 8,
        requiresDebugOffsets: true,
        // Locals: PyCodeObject, PyCellObject and PySetObject as in 3.14.
        codeFlags: 48, codeKwonlyargcount: 60, codeLocalsplusKinds: 104, cellObjectRef: 16, setUsed: 24,
        setMask: 32, setTable: 40, setEntryKey: 0, setEntryHash: 8, setEntrySize: 16
    )
}
