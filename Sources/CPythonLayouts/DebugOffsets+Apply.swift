extension DebugOffsets {
    /// `base` with every field that this block carries replaced by the block's value: the runtime and
    /// interpreter state, the thread state, `_PyInterpreterFrame`, the code object (`co_localspluskinds`
    /// included), and the object headers (`ob_type`, `tp_name`, `tp_flags`, tuple/list items, dict keys and
    /// values pointers, float, long, bytes and str fields; 3.14+ also the set's `used`, `mask` and `table`;
    /// 3.15 also `tp_basicsize`, `tp_dictoffset`, `ht_cached_keys` and `sizeof(PyCompactUnicodeObject)`). The
    /// GIL fields become offsets inside `_gil_runtime_state`, as `PythonLayout` stores them.
    ///
    /// Fields the block does not carry stay as in `base`: `co_nlocals`, `co_flags`, `co_kwonlyargcount`,
    /// `_co_firsttraceable`, `PyCellObject.ob_ref`, `setentry`, the `PyDictKeysObject`/`PyDictValues`
    /// internals, `ma_used`, `md_dict`, `PyUnicodeObject.data` and (before 3.15) `tp_basicsize`,
    /// `tp_dictoffset`, `ht_cached_keys`. For a free-threaded build (`isFreeThreaded`) those come from
    /// `PythonLayout.freeThreaded()` of the GIL build's table.
    package func applied(to base: PythonLayout) -> PythonLayout {
        var layout = isFreeThreaded ? base.freeThreaded() : base
        func set(_ keyPath: WritableKeyPath<PythonLayout, Int>, _ group: String, _ field: String) {
            if let value = offset(group, field) { layout[keyPath: keyPath] = value }
        }
        func set(_ keyPath: WritableKeyPath<PythonLayout, Int?>, _ group: String, _ field: String) {
            if let value = offset(group, field) { layout[keyPath: keyPath] = value }
        }

        set(\.runtimeInterpretersHead, "runtime_state", "interpreters_head")

        set(\.interpNext, "interpreter_state", "next")
        set(\.interpThreadsHead, "interpreter_state", "threads_head")
        set(\.interpModules, "interpreter_state", "imports_modules")
        set(\.interpCevalGil, "interpreter_state", "ceval_gil")
        // The block gives `_gil` and its fields as offsets from the interpreter state; PythonLayout keeps the
        // fields relative to the `_gil_runtime_state` that `ceval.gil` points at.
        if let gil = offset("interpreter_state", "gil_runtime_state") {
            if let holder = offset("interpreter_state", "gil_runtime_state_holder"), holder >= gil {
                layout.gilLastHolder = holder - gil
            }
            if let locked = offset("interpreter_state", "gil_runtime_state_locked"), locked >= gil {
                layout.gilLocked = locked - gil
            }
        }

        set(\.threadStateSize, "thread_state", "size")
        set(\.threadStateNext, "thread_state", "next")
        set(\.threadStateInterp, "thread_state", "interp")
        set(\.threadStateCurrentFrame, "thread_state", "current_frame")
        set(\.threadStateThreadId, "thread_state", "thread_id")
        set(\.threadStateNativeThreadId, "thread_state", "native_thread_id")

        set(\.interpreterFrameSize, "interpreter_frame", "size")
        set(\.interpreterFrameCode, "interpreter_frame", "executable")
        set(\.interpreterFramePrevious, "interpreter_frame", "previous")
        set(\.interpreterFrameInstrPtr, "interpreter_frame", "instr_ptr")
        set(\.interpreterFrameOwner, "interpreter_frame", "owner")
        set(\.interpreterFrameLocalsplus, "interpreter_frame", "localsplus")

        set(\.codeSize, "code_object", "size")
        set(\.codeArgcount, "code_object", "argcount")
        set(\.codeFirstlineno, "code_object", "firstlineno")
        set(\.codeVarnames, "code_object", "localsplusnames")
        set(\.codeFilename, "code_object", "filename")
        set(\.codeName, "code_object", "name")
        set(\.codeQualname, "code_object", "qualname")
        set(\.codeLinetable, "code_object", "linetable")
        set(\.codeCodeAdaptive, "code_object", "co_code_adaptive")
        set(\.codeLocalsplusKinds, "code_object", "localspluskinds")

        set(\.objectType, "pyobject", "ob_type")
        set(\.varObjectSize, "tuple_object", "ob_size")
        set(\.typeName, "type_object", "tp_name")
        set(\.typeFlags, "type_object", "tp_flags")
        set(\.typeBasicsize, "type_object", "tp_basicsize")
        set(\.typeDictoffset, "type_object", "tp_dictoffset")
        set(\.heapTypeCachedKeys, "heap_type_object", "ht_cached_keys")
        set(\.tupleItems, "tuple_object", "ob_item")
        set(\.listItems, "list_object", "ob_item")
        set(\.setUsed, "set_object", "used")
        set(\.setTable, "set_object", "table")
        set(\.setMask, "set_object", "mask")
        set(\.dictKeys, "dict_object", "ma_keys")
        set(\.dictValues, "dict_object", "ma_values")
        set(\.floatValue, "float_object", "ob_fval")
        set(\.longTag, "long_object", "lv_tag")
        set(\.longDigits, "long_object", "ob_digit")
        set(\.bytesData, "bytes_object", "ob_sval")
        set(\.unicodeState, "unicode_object", "state")
        set(\.unicodeLength, "unicode_object", "length")
        set(\.asciiObjectSize, "unicode_object", "asciiobject_size")
        set(\.compactUnicodeObjectSize, "unicode_object", "compactunicodeobject_size")

        // GIL builds fill these two with 0 (Include/internal/pycore_debug_offsets.h): only a free-threaded build
        // keeps per-thread copies of the bytecode.
        if isFreeThreaded, let index = offset("interpreter_frame", "tlbc_index"), index > 0,
            let array = offset("code_object", "co_tlbc"), array > 0
        {
            layout.interpreterFrameTLBCIndex = index
            layout.codeTLBC = array
        }

        layout.requiresDebugOffsets = false
        return layout
    }
}
