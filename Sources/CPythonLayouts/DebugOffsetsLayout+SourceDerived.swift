// `_Py_DebugOffsets` layouts of the CPython versions whose headers are not installed here. Since 3.14 the
// struct lives in Include/internal/pycore_debug_offsets.h (3.13 kept it in pycore_runtime.h; its layout is
// generated, see GeneratedLayouts.swift). Only the field order matters: every field is a uint64_t, so
// positions follow from `DebugOffsetsLayout.sequential`.

extension DebugOffsetsLayout {
    /// One group of the struct: its name and its fields in order.
    typealias Group = (name: String, fields: [String])

    /// The groups 3.15 kept exactly as 3.14 had them, each written once.
    private enum Since314 {
        static let runtimeState: Group = ("runtime_state", ["size", "finalizing", "interpreters_head"])
        static let interpreterState: Group = (
            "interpreter_state",
            [
                "size", "id", "next", "threads_head", "threads_main", "gc", "imports_modules", "sysdict", "builtins",
                "ceval_gil", "gil_runtime_state", "gil_runtime_state_enabled", "gil_runtime_state_locked",
                "gil_runtime_state_holder", "code_object_generation", "tlbc_generation"
            ]
        )
        static let interpreterFrame: Group = (
            "interpreter_frame",
            ["size", "previous", "executable", "instr_ptr", "localsplus", "owner", "stackpointer", "tlbc_index"]
        )
        static let codeObject: Group = (
            "code_object",
            [
                "size", "filename", "name", "qualname", "linetable", "firstlineno", "argcount", "localsplusnames",
                "localspluskinds", "co_code_adaptive", "co_tlbc"
            ]
        )
        static let pyobject: Group = ("pyobject", ["size", "ob_type"])
        /// From `tuple_object` to `bytes_object`, in order.
        static let containersAndNumbers: [Group] = [
            ("tuple_object", ["size", "ob_item", "ob_size"]),
            ("list_object", ["size", "ob_item", "ob_size"]),
            ("set_object", ["size", "used", "table", "mask"]),
            ("dict_object", ["size", "ma_keys", "ma_values"]),
            ("float_object", ["size", "ob_fval"]),
            ("long_object", ["size", "lv_tag", "ob_digit"]),
            ("bytes_object", ["size", "ob_size", "ob_sval"])
        ]
        /// From `gen_object` to the end.
        static let tail: [Group] = [
            ("gen_object", ["size", "gi_name", "gi_iframe", "gi_frame_state"]),
            ("llist_node", ["next", "prev"]),
            (
                "debugger_support",
                [
                    "eval_breaker", "remote_debugger_support", "remote_debugging_enabled", "debugger_pending_call",
                    "debugger_script_path", "debugger_script_path_size"
                ]
            )
        ]
    }

    /// CPython 3.14 (760 bytes), from the 3.14 branch's Include/internal/pycore_debug_offsets.h.
    ///
    /// Relative to 3.13 it adds `interpreter_state.threads_main`, `code_object_generation` and
    /// `tlbc_generation`; `interpreter_frame.stackpointer` and `tlbc_index`; `code_object.co_tlbc`; and the
    /// `set_object`, `gen_object`, `llist_node` and `debugger_support` groups (the last two have no `size`).
    /// The TLBC fields are 0 in GIL builds. Cross-checked against a gcc placement of the 3.14.0 and 3.14.5
    /// headers as rendered by bindgen (760 bytes both, so no patch release has changed it).
    package static let v3_14 = DebugOffsetsLayout.sequential(
        minor: 14,
        [
            Since314.runtimeState,
            Since314.interpreterState,
            (
                "thread_state",
                [
                    "size", "prev", "next", "interp", "current_frame", "thread_id", "native_thread_id",
                    "datastack_chunk", "status"
                ]
            ),
            Since314.interpreterFrame,
            Since314.codeObject,
            Since314.pyobject,
            ("type_object", ["size", "tp_name", "tp_repr", "tp_flags"])
        ] + Since314.containersAndNumbers + [
            ("unicode_object", ["size", "state", "length", "asciiobject_size"]),
            ("gc", ["size", "collecting"])
        ] + Since314.tail)

    /// CPython 3.15 (888 bytes), from the 3.15 branch's Include/internal/pycore_debug_offsets.h; the size
    /// matches the `PY_REMOTE_DEBUG_OFFSETS_TOTAL_SIZE` that CPython's own reader asserts in
    /// Modules/_remote_debugging/debug_offsets_validation.h.
    ///
    /// Relative to 3.14: `thread_state` gains `base_frame`, `last_profiled_frame` and
    /// `last_profiled_frame_seq` after `current_frame`, and `holds_gil`, `gil_requested`,
    /// `current_exception`, `exc_state` at its end; a size-less `err_stackitem` group follows it;
    /// `type_object` gains `tp_basicsize` and `tp_dictoffset`; a `heap_type_object` group appears;
    /// `unicode_object` gains `compactunicodeobject_size`; `gc` gains `frame`, `generation_stats_size` and
    /// `generation_stats`. The 3.15 pre-releases changed this struct more than once (the `gc` group grew
    /// during the betas); this is the layout of the release candidates. An older pre-release shifts every later
    /// group, so its `size` words land on other fields and validation is expected to reject it.
    package static let v3_15 = DebugOffsetsLayout.sequential(
        minor: 15,
        [
            Since314.runtimeState,
            Since314.interpreterState,
            (
                "thread_state",
                [
                    "size", "prev", "next", "interp", "current_frame", "base_frame", "last_profiled_frame",
                    "last_profiled_frame_seq", "thread_id", "native_thread_id", "datastack_chunk", "status",
                    "holds_gil", "gil_requested", "current_exception", "exc_state"
                ]
            ),
            ("err_stackitem", ["exc_value"]),
            Since314.interpreterFrame,
            Since314.codeObject,
            Since314.pyobject,
            ("type_object", ["size", "tp_name", "tp_repr", "tp_flags", "tp_basicsize", "tp_dictoffset"]),
            ("heap_type_object", ["size", "ht_cached_keys"])
        ] + Since314.containersAndNumbers + [
            ("unicode_object", ["size", "state", "length", "asciiobject_size", "compactunicodeobject_size"]),
            ("gc", ["size", "collecting", "frame", "generation_stats_size", "generation_stats"])
        ] + Since314.tail)
}
