/// Byte offsets of the few CPython struct fields swiftspy reads, for one minor version (x86_64, GIL build).
///
/// Every value is `offsetof(struct, field)` or `sizeof(struct)` as compiled from that version's own headers
/// (see `scripts/generate_layouts.py`; 3.14 and 3.15, not installed, are placed by hand in
/// SourceDerivedLayouts.swift); a nil field does not exist in that version. On 3.13+ the target's own
/// `_Py_DebugOffsets` overrides most of them (`DebugOffsets.applied(to:)`). Names follow CPython's
/// struct and field names so that each one can be grepped in CPython's `Include/` tree.
package struct PythonLayout: Sendable, Hashable {
    /// (major, minor) this table was generated for, e.g. (3, 12).
    package var major: Int
    package var minor: Int

    // MARK: _PyRuntimeState (Include/internal/pycore_runtime.h), 3.7+
    /// `_PyRuntimeState.interpreters.head`.
    package var runtimeInterpretersHead: Int?
    /// `_PyRuntimeState.gilstate.tstate_current` (3.7–3.11): the thread state holding the GIL.
    package var runtimeGilstateTstateCurrent: Int?

    // MARK: PyInterpreterState (Include/internal/pycore_interp.h)
    /// `PyInterpreterState.next`.
    package var interpNext: Int
    /// `PyInterpreterState.tstate_head` (≤ 3.10) or `threads.head` (3.11+).
    package var interpThreadsHead: Int
    /// `PyInterpreterState.modules` (≤ 3.11) or `imports.modules` (3.12+): `sys.modules`.
    package var interpModules: Int
    /// `PyInterpreterState.ceval.gil` (3.12+): pointer to the `_gil_runtime_state`.
    package var interpCevalGil: Int?

    // MARK: _gil_runtime_state (Include/internal/pycore_gil.h), 3.12+
    /// `_gil_runtime_state.last_holder`.
    package var gilLastHolder: Int?
    /// `_gil_runtime_state.locked`.
    package var gilLocked: Int?

    // MARK: PyThreadState (Include/cpython/pystate.h)
    package var threadStateSize: Int
    package var threadStateNext: Int
    package var threadStateInterp: Int
    /// `PyThreadState.frame` (≤ 3.10): innermost `PyFrameObject*`.
    package var threadStateFrame: Int?
    /// `PyThreadState.cframe` (3.11–3.12): pointer to a `_PyCFrame`.
    package var threadStateCframe: Int?
    /// `_PyCFrame.current_frame` (3.11–3.12).
    package var cframeCurrentFrame: Int?
    /// `PyThreadState.current_frame` (3.13+): innermost `_PyInterpreterFrame*`.
    package var threadStateCurrentFrame: Int?
    /// `PyThreadState.thread_id`: the `pthread_t`.
    package var threadStateThreadId: Int
    /// `PyThreadState.native_thread_id` (3.11+): the kernel tid.
    package var threadStateNativeThreadId: Int?

    // MARK: PyFrameObject (≤ 3.10; Include/frameobject.h or Include/cpython/frameobject.h)
    package var frameObjectSize: Int?
    package var frameObjectBack: Int?
    package var frameObjectCode: Int?
    /// `f_lasti`: a byte offset (≤ 3.9) or an instruction index (3.10).
    package var frameObjectLasti: Int?
    package var frameObjectLocalsplus: Int?

    // MARK: _PyInterpreterFrame (3.11+; Include/internal/pycore_frame.h)
    package var interpreterFrameSize: Int?
    /// `f_code` (3.11–3.12) or `f_executable` (3.13+).
    package var interpreterFrameCode: Int?
    package var interpreterFramePrevious: Int?
    /// `prev_instr` (3.11–3.12) or `instr_ptr` (3.13+).
    package var interpreterFrameInstrPtr: Int?
    /// `is_entry` (3.11 only; a `bool`).
    package var interpreterFrameIsEntry: Int?
    /// `owner` (a `char`).
    package var interpreterFrameOwner: Int?
    package var interpreterFrameLocalsplus: Int?

    // MARK: PyCodeObject (Include/code.h or Include/cpython/code.h)
    package var codeSize: Int
    package var codeArgcount: Int
    package var codeNlocals: Int
    package var codeFirstlineno: Int
    /// `co_varnames` (≤ 3.10) or `co_localsplusnames` (3.11+).
    package var codeVarnames: Int
    package var codeFilename: Int
    package var codeName: Int
    /// `co_qualname` (3.11+).
    package var codeQualname: Int?
    /// `co_lnotab` (≤ 3.9) or `co_linetable` (3.10+).
    package var codeLinetable: Int
    /// `co_code` (≤ 3.10): the bytecode `bytes` object.
    package var codeCode: Int?
    /// `co_code_adaptive` (3.11+): where the inline bytecode starts.
    package var codeCodeAdaptive: Int?
    /// `_co_firsttraceable` (3.11+): index of the first instruction after the frame's set-up prologue.
    package var codeFirstTraceable: Int?

    // MARK: Objects (Include/object.h, Include/cpython/object.h, …)
    /// `PyObject.ob_type`.
    package var objectType: Int
    /// `PyVarObject.ob_size`.
    package var varObjectSize: Int
    package var typeName: Int
    package var typeBasicsize: Int
    package var typeFlags: Int
    package var typeDictoffset: Int
    /// `PyHeapTypeObject.ht_cached_keys` (3.3+).
    package var heapTypeCachedKeys: Int?
    package var tupleItems: Int
    package var listItems: Int
    /// `PyBytesObject.ob_sval` (Python 3) or `PyStringObject.ob_sval` (Python 2).
    package var bytesData: Int
    /// `PyASCIIObject.length` (Python 3).
    package var unicodeLength: Int?
    /// `PyASCIIObject.state` (Python 3).
    package var unicodeState: Int?
    package var asciiObjectSize: Int?
    package var compactUnicodeObjectSize: Int?
    /// `PyUnicodeObject.data` (legacy, non-compact strings).
    package var unicodeData: Int?
    /// `PyLongObject.ob_digit` (3.12+: `long_value.ob_digit`).
    package var longDigits: Int?
    /// `PyLongObject.long_value.lv_tag` (3.12+).
    package var longTag: Int?
    /// `PyIntObject.ob_ival` (Python 2).
    package var intValue: Int?
    package var floatValue: Int
    /// `PyModuleObject.md_dict`.
    package var moduleDict: Int

    // MARK: Dicts (Include/cpython/dictobject.h; keys in Objects/dict-common.h or pycore_dict.h)
    /// `PyDictObject.ma_used`.
    package var dictUsed: Int
    /// `PyDictObject.ma_keys` (3.x).
    package var dictKeys: Int?
    /// `PyDictObject.ma_values` (3.x).
    package var dictValues: Int?
    /// `PyDictObject.ma_mask` (Python 2).
    package var dictMask: Int?
    /// `PyDictObject.ma_table` (Python 2).
    package var dictTable: Int?
    /// `PyDictKeysObject.dk_size` (3.6–3.10).
    package var dictKeysSize: Int?
    /// `PyDictKeysObject.dk_log2_size` (3.11+, a `uint8_t`).
    package var dictKeysLog2Size: Int?
    /// `PyDictKeysObject.dk_log2_index_bytes` (3.11+, a `uint8_t`).
    package var dictKeysLog2IndexBytes: Int?
    /// `PyDictKeysObject.dk_kind` (3.11+, a `uint8_t`).
    package var dictKeysKind: Int?
    package var dictKeysNentries: Int?
    /// `PyDictKeysObject.dk_indices`: the hash index array; entries follow it.
    package var dictKeysIndices: Int?
    /// `PyDictValues.values` (3.13+, where the values array has a header).
    package var dictValuesValues: Int?

    // MARK: Provenance
    /// True for a table that is only a base for the target's own `_Py_DebugOffsets` (3.14 and 3.15, derived by
    /// hand from CPython's sources: their interpreter-state offsets move between patch releases, and 3.15's
    /// could not be placed by hand at all). Overlay it with `DebugOffsets.applied(to:)`, which clears the flag,
    /// before reading memory with it.
    package var requiresDebugOffsets: Bool

    // MARK: Locals (`dump --locals`): argument counts, variable kinds, cells and sets
    /// `PyCodeObject.co_flags` (an `int`): `CO_VARARGS` (0x4) and `CO_VARKEYWORDS` (0x8) say whether `*args`
    /// and `**kwargs` follow the named arguments.
    package var codeFlags: Int?
    /// `PyCodeObject.co_kwonlyargcount` (3.x, an `int`).
    package var codeKwonlyargcount: Int?
    /// `PyCodeObject.co_cellvars` (≤ 3.10): names of the cells that follow the `co_nlocals` locals in
    /// `f_localsplus`.
    package var codeCellvars: Int?
    /// `PyCodeObject.co_freevars` (≤ 3.10): names of the free variables that follow the cells.
    package var codeFreevars: Int?
    /// `PyCodeObject.co_localspluskinds` (3.11+): a `bytes` of one `CO_FAST_*` kind per `localsplus` slot
    /// (Include/internal/pycore_code.h).
    package var codeLocalsplusKinds: Int?
    /// `PyCellObject.ob_ref` (Include/cellobject.h, 3.13+: Include/cpython/cellobject.h).
    package var cellObjectRef: Int?
    /// `PySetObject.used`: live entries (Include/setobject.h, 3.x: Include/cpython/setobject.h).
    package var setUsed: Int?
    /// `PySetObject.mask`: table slots − 1.
    package var setMask: Int?
    /// `PySetObject.table`: pointer to `mask + 1` `setentry`s.
    package var setTable: Int?
    /// `setentry.key` (0 on 3.x, 8 on 2.7, where `hash` comes first).
    package var setEntryKey: Int?
    /// `setentry.hash`.
    package var setEntryHash: Int?
    /// `sizeof(setentry)`.
    package var setEntrySize: Int?

    // MARK: Build kind (not generated: see PythonLayout+FreeThreaded.swift)
    /// A `Py_GIL_DISABLED` build: larger object headers, no GIL to own.
    package var isFreeThreaded = false
    /// Where a managed instance dict's pointer sits, relative to the object (3.11+, `MANAGED_DICT_OFFSET` in
    /// Include/internal/pycore_object.h): three words before it, behind the GC header, in a GIL build.
    package var managedDictOffset = -24
    /// Free-threaded 3.14+: `_PyInterpreterFrame.tlbc_index` (an `int32_t`), which copy of the bytecode the
    /// frame runs, and `PyCodeObject.co_tlbc`, the `_PyCodeArray` of those copies (Include/internal/
    /// pycore_interpframe_structs.h, Include/cpython/code.h). Nil elsewhere: from `_Py_DebugOffsets` only.
    package var interpreterFrameTLBCIndex: Int?
    package var codeTLBC: Int?

    package init(
        major: Int, minor: Int,
        runtimeInterpretersHead: Int? = nil, runtimeGilstateTstateCurrent: Int? = nil,
        interpNext: Int, interpThreadsHead: Int, interpModules: Int, interpCevalGil: Int? = nil,
        gilLastHolder: Int? = nil, gilLocked: Int? = nil,
        threadStateSize: Int, threadStateNext: Int, threadStateInterp: Int, threadStateFrame: Int? = nil,
        threadStateCframe: Int? = nil, cframeCurrentFrame: Int? = nil, threadStateCurrentFrame: Int? = nil,
        threadStateThreadId: Int, threadStateNativeThreadId: Int? = nil,
        frameObjectSize: Int? = nil, frameObjectBack: Int? = nil, frameObjectCode: Int? = nil,
        frameObjectLasti: Int? = nil, frameObjectLocalsplus: Int? = nil,
        interpreterFrameSize: Int? = nil, interpreterFrameCode: Int? = nil, interpreterFramePrevious: Int? = nil,
        interpreterFrameInstrPtr: Int? = nil, interpreterFrameIsEntry: Int? = nil,
        interpreterFrameOwner: Int? = nil, interpreterFrameLocalsplus: Int? = nil,
        codeSize: Int, codeArgcount: Int, codeNlocals: Int, codeFirstlineno: Int, codeVarnames: Int,
        codeFilename: Int, codeName: Int, codeQualname: Int? = nil, codeLinetable: Int, codeCode: Int? = nil,
        codeCodeAdaptive: Int? = nil, codeFirstTraceable: Int? = nil,
        objectType: Int, varObjectSize: Int, typeName: Int, typeBasicsize: Int, typeFlags: Int,
        typeDictoffset: Int, heapTypeCachedKeys: Int? = nil, tupleItems: Int, listItems: Int, bytesData: Int,
        unicodeLength: Int? = nil, unicodeState: Int? = nil, asciiObjectSize: Int? = nil,
        compactUnicodeObjectSize: Int? = nil, unicodeData: Int? = nil, longDigits: Int? = nil,
        longTag: Int? = nil, intValue: Int? = nil, floatValue: Int, moduleDict: Int,
        dictUsed: Int, dictKeys: Int? = nil, dictValues: Int? = nil, dictMask: Int? = nil, dictTable: Int? = nil,
        dictKeysSize: Int? = nil, dictKeysLog2Size: Int? = nil, dictKeysLog2IndexBytes: Int? = nil,
        dictKeysKind: Int? = nil, dictKeysNentries: Int? = nil, dictKeysIndices: Int? = nil,
        dictValuesValues: Int? = nil, requiresDebugOffsets: Bool = false,
        codeFlags: Int? = nil, codeKwonlyargcount: Int? = nil, codeCellvars: Int? = nil, codeFreevars: Int? = nil,
        codeLocalsplusKinds: Int? = nil, cellObjectRef: Int? = nil, setUsed: Int? = nil, setMask: Int? = nil,
        setTable: Int? = nil, setEntryKey: Int? = nil, setEntryHash: Int? = nil, setEntrySize: Int? = nil
    ) {
        self.major = major
        self.minor = minor
        self.runtimeInterpretersHead = runtimeInterpretersHead
        self.runtimeGilstateTstateCurrent = runtimeGilstateTstateCurrent
        self.interpNext = interpNext
        self.interpThreadsHead = interpThreadsHead
        self.interpModules = interpModules
        self.interpCevalGil = interpCevalGil
        self.gilLastHolder = gilLastHolder
        self.gilLocked = gilLocked
        self.threadStateSize = threadStateSize
        self.threadStateNext = threadStateNext
        self.threadStateInterp = threadStateInterp
        self.threadStateFrame = threadStateFrame
        self.threadStateCframe = threadStateCframe
        self.cframeCurrentFrame = cframeCurrentFrame
        self.threadStateCurrentFrame = threadStateCurrentFrame
        self.threadStateThreadId = threadStateThreadId
        self.threadStateNativeThreadId = threadStateNativeThreadId
        self.frameObjectSize = frameObjectSize
        self.frameObjectBack = frameObjectBack
        self.frameObjectCode = frameObjectCode
        self.frameObjectLasti = frameObjectLasti
        self.frameObjectLocalsplus = frameObjectLocalsplus
        self.interpreterFrameSize = interpreterFrameSize
        self.interpreterFrameCode = interpreterFrameCode
        self.interpreterFramePrevious = interpreterFramePrevious
        self.interpreterFrameInstrPtr = interpreterFrameInstrPtr
        self.interpreterFrameIsEntry = interpreterFrameIsEntry
        self.interpreterFrameOwner = interpreterFrameOwner
        self.interpreterFrameLocalsplus = interpreterFrameLocalsplus
        self.codeSize = codeSize
        self.codeArgcount = codeArgcount
        self.codeNlocals = codeNlocals
        self.codeFirstlineno = codeFirstlineno
        self.codeVarnames = codeVarnames
        self.codeFilename = codeFilename
        self.codeName = codeName
        self.codeQualname = codeQualname
        self.codeLinetable = codeLinetable
        self.codeCode = codeCode
        self.codeCodeAdaptive = codeCodeAdaptive
        self.codeFirstTraceable = codeFirstTraceable
        self.objectType = objectType
        self.varObjectSize = varObjectSize
        self.typeName = typeName
        self.typeBasicsize = typeBasicsize
        self.typeFlags = typeFlags
        self.typeDictoffset = typeDictoffset
        self.heapTypeCachedKeys = heapTypeCachedKeys
        self.tupleItems = tupleItems
        self.listItems = listItems
        self.bytesData = bytesData
        self.unicodeLength = unicodeLength
        self.unicodeState = unicodeState
        self.asciiObjectSize = asciiObjectSize
        self.compactUnicodeObjectSize = compactUnicodeObjectSize
        self.unicodeData = unicodeData
        self.longDigits = longDigits
        self.longTag = longTag
        self.intValue = intValue
        self.floatValue = floatValue
        self.moduleDict = moduleDict
        self.dictUsed = dictUsed
        self.dictKeys = dictKeys
        self.dictValues = dictValues
        self.dictMask = dictMask
        self.dictTable = dictTable
        self.dictKeysSize = dictKeysSize
        self.dictKeysLog2Size = dictKeysLog2Size
        self.dictKeysLog2IndexBytes = dictKeysLog2IndexBytes
        self.dictKeysKind = dictKeysKind
        self.dictKeysNentries = dictKeysNentries
        self.dictKeysIndices = dictKeysIndices
        self.dictValuesValues = dictValuesValues
        self.requiresDebugOffsets = requiresDebugOffsets
        self.codeFlags = codeFlags
        self.codeKwonlyargcount = codeKwonlyargcount
        self.codeCellvars = codeCellvars
        self.codeFreevars = codeFreevars
        self.codeLocalsplusKinds = codeLocalsplusKinds
        self.cellObjectRef = cellObjectRef
        self.setUsed = setUsed
        self.setMask = setMask
        self.setTable = setTable
        self.setEntryKey = setEntryKey
        self.setEntryHash = setEntryHash
        self.setEntrySize = setEntrySize
    }
}
