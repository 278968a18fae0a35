/// Byte offsets of the few CPython struct fields swiftspy reads, for one minor version (x86_64, GIL build).
///
/// Every value is `offsetof(struct, field)` or `sizeof(struct)` as compiled from that version's own headers
/// (see `scripts/generate_layouts.py`; 3.14 and 3.15, not installed, are placed by hand in
/// SourceDerivedLayouts.swift); a nil field does not exist in that version. On 3.13+ the target's own
/// `_Py_DebugOffsets` overrides most of them (`DebugOffsets.applied(to:)`). Names follow CPython's
/// struct and field names so that each one can be grepped in CPython's `Include/` tree.
public struct PythonLayout: Sendable, Hashable {
    /// (major, minor) this table was generated for, e.g. (3, 12).
    public var major: Int
    public var minor: Int

    // MARK: _PyRuntimeState (Include/internal/pycore_runtime.h), 3.7+
    /// `_PyRuntimeState.interpreters.head`.
    public var runtimeInterpretersHead: Int?
    /// `_PyRuntimeState.gilstate.tstate_current` (3.7–3.11): the thread state holding the GIL.
    public var runtimeGilstateTstateCurrent: Int?

    // MARK: PyInterpreterState (Include/internal/pycore_interp.h)
    /// `PyInterpreterState.next`.
    public var interpNext: Int
    /// `PyInterpreterState.tstate_head` (≤ 3.10) or `threads.head` (3.11+).
    public var interpThreadsHead: Int
    /// `PyInterpreterState.modules` (≤ 3.11) or `imports.modules` (3.12+): `sys.modules`.
    public var interpModules: Int
    /// `PyInterpreterState.ceval.gil` (3.12+): pointer to the `_gil_runtime_state`.
    public var interpCevalGil: Int?

    // MARK: _gil_runtime_state (Include/internal/pycore_gil.h), 3.12+
    /// `_gil_runtime_state.last_holder`.
    public var gilLastHolder: Int?
    /// `_gil_runtime_state.locked`.
    public var gilLocked: Int?

    // MARK: PyThreadState (Include/cpython/pystate.h)
    public var threadStateSize: Int
    public var threadStateNext: Int
    public var threadStateInterp: Int
    /// `PyThreadState.frame` (≤ 3.10): innermost `PyFrameObject*`.
    public var threadStateFrame: Int?
    /// `PyThreadState.cframe` (3.11–3.12): pointer to a `_PyCFrame`.
    public var threadStateCframe: Int?
    /// `_PyCFrame.current_frame` (3.11–3.12).
    public var cframeCurrentFrame: Int?
    /// `PyThreadState.current_frame` (3.13+): innermost `_PyInterpreterFrame*`.
    public var threadStateCurrentFrame: Int?
    /// `PyThreadState.thread_id`: the `pthread_t`.
    public var threadStateThreadId: Int
    /// `PyThreadState.native_thread_id` (3.11+): the kernel tid.
    public var threadStateNativeThreadId: Int?

    // MARK: PyFrameObject (≤ 3.10; Include/frameobject.h or Include/cpython/frameobject.h)
    public var frameObjectSize: Int?
    public var frameObjectBack: Int?
    public var frameObjectCode: Int?
    /// `f_lasti`: a byte offset (≤ 3.9) or an instruction index (3.10).
    public var frameObjectLasti: Int?
    public var frameObjectLocalsplus: Int?

    // MARK: _PyInterpreterFrame (3.11+; Include/internal/pycore_frame.h)
    public var interpreterFrameSize: Int?
    /// `f_code` (3.11–3.12) or `f_executable` (3.13+).
    public var interpreterFrameCode: Int?
    public var interpreterFramePrevious: Int?
    /// `prev_instr` (3.11–3.12) or `instr_ptr` (3.13+).
    public var interpreterFrameInstrPtr: Int?
    /// `is_entry` (3.11 only; a `bool`).
    public var interpreterFrameIsEntry: Int?
    /// `owner` (a `char`).
    public var interpreterFrameOwner: Int?
    public var interpreterFrameLocalsplus: Int?

    // MARK: PyCodeObject (Include/code.h or Include/cpython/code.h)
    public var codeSize: Int
    public var codeArgcount: Int
    public var codeNlocals: Int
    public var codeFirstlineno: Int
    /// `co_varnames` (≤ 3.10) or `co_localsplusnames` (3.11+).
    public var codeVarnames: Int
    public var codeFilename: Int
    public var codeName: Int
    /// `co_qualname` (3.11+).
    public var codeQualname: Int?
    /// `co_lnotab` (≤ 3.9) or `co_linetable` (3.10+).
    public var codeLinetable: Int
    /// `co_code` (≤ 3.10): the bytecode `bytes` object.
    public var codeCode: Int?
    /// `co_code_adaptive` (3.11+): where the inline bytecode starts.
    public var codeCodeAdaptive: Int?
    /// `_co_firsttraceable` (3.11+): index of the first instruction after the frame's set-up prologue.
    public var codeFirstTraceable: Int?

    // MARK: Objects (Include/object.h, Include/cpython/object.h, …)
    /// `PyObject.ob_type`.
    public var objectType: Int
    /// `PyVarObject.ob_size`.
    public var varObjectSize: Int
    public var typeName: Int
    public var typeBasicsize: Int
    public var typeFlags: Int
    public var typeDictoffset: Int
    /// `PyHeapTypeObject.ht_cached_keys` (3.3+).
    public var heapTypeCachedKeys: Int?
    public var tupleItems: Int
    public var listItems: Int
    /// `PyBytesObject.ob_sval` (Python 3) or `PyStringObject.ob_sval` (Python 2).
    public var bytesData: Int
    /// `PyASCIIObject.length` (Python 3).
    public var unicodeLength: Int?
    /// `PyASCIIObject.state` (Python 3).
    public var unicodeState: Int?
    public var asciiObjectSize: Int?
    public var compactUnicodeObjectSize: Int?
    /// `PyUnicodeObject.data` (legacy, non-compact strings).
    public var unicodeData: Int?
    /// `PyLongObject.ob_digit` (3.12+: `long_value.ob_digit`).
    public var longDigits: Int?
    /// `PyLongObject.long_value.lv_tag` (3.12+).
    public var longTag: Int?
    /// `PyIntObject.ob_ival` (Python 2).
    public var intValue: Int?
    public var floatValue: Int
    /// `PyModuleObject.md_dict`.
    public var moduleDict: Int

    // MARK: Dicts (Include/cpython/dictobject.h; keys in Objects/dict-common.h or pycore_dict.h)
    /// `PyDictObject.ma_used`.
    public var dictUsed: Int
    /// `PyDictObject.ma_keys` (3.x).
    public var dictKeys: Int?
    /// `PyDictObject.ma_values` (3.x).
    public var dictValues: Int?
    /// `PyDictObject.ma_mask` (Python 2).
    public var dictMask: Int?
    /// `PyDictObject.ma_table` (Python 2).
    public var dictTable: Int?
    /// `PyDictKeysObject.dk_size` (3.6–3.10).
    public var dictKeysSize: Int?
    /// `PyDictKeysObject.dk_log2_size` (3.11+, a `uint8_t`).
    public var dictKeysLog2Size: Int?
    /// `PyDictKeysObject.dk_log2_index_bytes` (3.11+, a `uint8_t`).
    public var dictKeysLog2IndexBytes: Int?
    /// `PyDictKeysObject.dk_kind` (3.11+, a `uint8_t`).
    public var dictKeysKind: Int?
    public var dictKeysNentries: Int?
    /// `PyDictKeysObject.dk_indices`: the hash index array; entries follow it.
    public var dictKeysIndices: Int?
    /// `PyDictValues.values` (3.13+, where the values array has a header).
    public var dictValuesValues: Int?

    // MARK: Provenance
    /// True for a table that is only a base for the target's own `_Py_DebugOffsets` (3.14 and 3.15, derived by
    /// hand from CPython's sources: their interpreter-state offsets move between patch releases, and 3.15's
    /// could not be placed by hand at all). Overlay it with `DebugOffsets.applied(to:)`, which clears the flag,
    /// before reading memory with it.
    public var requiresDebugOffsets: Bool

    // MARK: Locals (`dump --locals`): argument counts, variable kinds, cells and sets
    /// `PyCodeObject.co_flags` (an `int`): `CO_VARARGS` (0x4) and `CO_VARKEYWORDS` (0x8) say whether `*args`
    /// and `**kwargs` follow the named arguments.
    public var codeFlags: Int?
    /// `PyCodeObject.co_kwonlyargcount` (3.x, an `int`).
    public var codeKwonlyargcount: Int?
    /// `PyCodeObject.co_cellvars` (≤ 3.10): names of the cells that follow the `co_nlocals` locals in
    /// `f_localsplus`.
    public var codeCellvars: Int?
    /// `PyCodeObject.co_freevars` (≤ 3.10): names of the free variables that follow the cells.
    public var codeFreevars: Int?
    /// `PyCodeObject.co_localspluskinds` (3.11+): a `bytes` of one `CO_FAST_*` kind per `localsplus` slot
    /// (Include/internal/pycore_code.h).
    public var codeLocalsplusKinds: Int?
    /// `PyCellObject.ob_ref` (Include/cellobject.h, 3.13+: Include/cpython/cellobject.h).
    public var cellObjectRef: Int?
    /// `PySetObject.used`: live entries (Include/setobject.h, 3.x: Include/cpython/setobject.h).
    public var setUsed: Int?
    /// `PySetObject.mask`: table slots − 1.
    public var setMask: Int?
    /// `PySetObject.table`: pointer to `mask + 1` `setentry`s.
    public var setTable: Int?
    /// `setentry.key` (0 on 3.x, 8 on 2.7, where `hash` comes first).
    public var setEntryKey: Int?
    /// `setentry.hash`.
    public var setEntryHash: Int?
    /// `sizeof(setentry)`.
    public var setEntrySize: Int?

    // MARK: Build kind (not generated: see PythonLayout+FreeThreaded.swift)
    /// A `Py_GIL_DISABLED` build: larger object headers, no GIL to own.
    public var isFreeThreaded = false
    /// Where a managed instance dict's pointer sits, relative to the object (3.11+, `MANAGED_DICT_OFFSET` in
    /// Include/internal/pycore_object.h): three words before it, behind the GC header, in a GIL build.
    public var managedDictOffset = -24
    /// Free-threaded 3.14+: `_PyInterpreterFrame.tlbc_index` (an `int32_t`), which copy of the bytecode the
    /// frame runs, and `PyCodeObject.co_tlbc`, the `_PyCodeArray` of those copies (Include/internal/
    /// pycore_interpframe_structs.h, Include/cpython/code.h). Nil elsewhere: from `_Py_DebugOffsets` only.
    public var interpreterFrameTLBCIndex: Int?
    public var codeTLBC: Int?

    public init(
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
