import CPythonLayouts
import Testing

/// Decoding `_Py_DebugOffsets` blocks built byte by byte for each layout, and refusing broken ones.
@Suite struct DebugOffsetsDecodeTests {
    /// The block of a live 3.13.0 (GIL build) as read from its `_PyRuntime`.
    static let live313: [String: [String: UInt64]] = [
        "runtime_state": ["size": 283_320, "finalizing": 608, "interpreters_head": 632],
        "interpreter_state": [
            "size": 194_968, "id": 7272, "next": 7264, "threads_head": 7344, "gc": 7400, "imports_modules": 7656,
            "sysdict": 7640, "builtins": 7648, "ceval_gil": 16, "gil_runtime_state": 7752,
            "gil_runtime_state_enabled": 0, "gil_runtime_state_locked": 7768, "gil_runtime_state_holder": 7760
        ],
        "thread_state": [
            "size": 304, "prev": 0, "next": 8, "interp": 16, "current_frame": 72, "thread_id": 152,
            "native_thread_id": 160, "datastack_chunk": 232, "status": 32
        ],
        "interpreter_frame": [
            "size": 80, "previous": 8, "executable": 0, "instr_ptr": 56, "localsplus": 72, "owner": 70
        ],
        "code_object": [
            "size": 208, "filename": 112, "name": 120, "qualname": 128, "linetable": 136, "firstlineno": 68,
            "argcount": 52, "localsplusnames": 96, "localspluskinds": 104, "co_code_adaptive": 200
        ],
        "pyobject": ["size": 16, "ob_type": 8],
        "type_object": ["size": 416, "tp_name": 24, "tp_repr": 88, "tp_flags": 168],
        "tuple_object": ["size": 32, "ob_item": 24, "ob_size": 16],
        "list_object": ["size": 40, "ob_item": 24, "ob_size": 16],
        "dict_object": ["size": 48, "ma_keys": 32, "ma_values": 40],
        "float_object": ["size": 24, "ob_fval": 16],
        "long_object": ["size": 32, "lv_tag": 16, "ob_digit": 24],
        "bytes_object": ["size": 40, "ob_size": 16, "ob_sval": 32],
        "unicode_object": ["size": 64, "state": 32, "length": 16, "asciiobject_size": 40],
        "gc": ["size": 240, "collecting": 200]
    ]

    @Test func decodesTheLive313Block() throws {
        var block = DebugOffsetsBytes(layout: .v3_13, versionHex: 0x030d_00f0)
        block.set(Self.live313)
        let offsets = try DebugOffsets.decode(block.bytes, expectedMinor: 13)
        #expect(offsets.versionHex == 0x030d_00f0)
        #expect((offsets.major, offsets.minor, offsets.micro) == (3, 13, 0))
        #expect(!offsets.isFreeThreaded)
        #expect(offsets.value("runtime_state", "interpreters_head") == 632)
        #expect(offsets.value("interpreter_state", "threads_head") == 7344)
        #expect(offsets.value("thread_state", "current_frame") == 72)
        #expect(offsets.value("thread_state", "holds_gil") == nil)
        #expect(offsets.values.count == DebugOffsetsLayout.v3_13.groups.map(\.fields.count).reduce(0, +))
        // Every field the block carries agrees with the table compiled from the same release's headers.
        #expect(offsets.applied(to: .v3_13) == .v3_13)
    }

    @Test func appliesOverABaseThatDiffers() throws {
        var block = DebugOffsetsBytes(layout: .v3_13, versionHex: 0x030d_05f0)
        block.set(Self.live313)
        block.set("interpreter_state", "imports_modules", 7680)
        block.set("thread_state", "native_thread_id", 168)
        let layout = try DebugOffsets.decode(block.bytes).applied(to: .v3_13)
        #expect(layout.interpModules == 7680)
        #expect(layout.threadStateNativeThreadId == 168)
        #expect(layout.gilLastHolder == 8)
        #expect(layout.gilLocked == 16)
        #expect(layout.codeNlocals == PythonLayout.v3_13.codeNlocals)
    }

    @Test func decodes314AndItsFreeThreadedFlag() throws {
        var block = DebugOffsetsBytes(layout: .v3_14, versionHex: 0x030e_06f0, freeThreaded: 1)
        block.set([
            "runtime_state": ["size": 316_424, "interpreters_head": 808],
            "interpreter_state": [
                "size": 200_000, "next": 7272, "threads_head": 7344, "imports_modules": 7688, "ceval_gil": 16,
                "gil_runtime_state": 7760, "gil_runtime_state_holder": 7768, "gil_runtime_state_locked": 7776,
                "tlbc_generation": 17_436
            ],
            "thread_state": ["size": 824, "current_frame": 72, "thread_id": 152, "native_thread_id": 160],
            "interpreter_frame": ["size": 88, "owner": 78, "localsplus": 80, "tlbc_index": 72],
            "code_object": ["size": 240, "linetable": 152, "co_code_adaptive": 232, "co_tlbc": 224],
            "pyobject": ["size": 32, "ob_type": 24],
            "llist_node": ["next": 0, "prev": 8],
            "debugger_support": ["remote_debugging_enabled": 7904, "debugger_script_path_size": 512]
        ])
        let offsets = try DebugOffsets.decode(block.bytes, expectedMinor: 14)
        #expect(offsets.isFreeThreaded)
        #expect(offsets.value("debugger_support", "remote_debugging_enabled") == 7904)
        let layout = offsets.applied(to: .v3_14)
        #expect(layout.interpModules == 7688)
        #expect(layout.interpreterFrameOwner == 78)
        #expect(layout.codeLinetable == 152)
        #expect(layout.objectType == 24)
        #expect(layout.gilLocked == 16)
        #expect(!layout.requiresDebugOffsets)
        // Free-threaded: per-thread bytecode, and the offsets the block does not carry from the header rule.
        #expect(layout.isFreeThreaded && layout.managedDictOffset == -8)
        #expect(layout.interpreterFrameTLBCIndex == 72 && layout.codeTLBC == 224)
        #expect(layout.dictUsed == PythonLayout.v3_14.dictUsed + 16)
        #expect(layout.codeNlocals == PythonLayout.v3_14.codeNlocals + 16)
    }

    @Test func decodes315() throws {
        var block = DebugOffsetsBytes(layout: .v3_15, versionHex: 0x030f_00c1)
        block.set([
            "thread_state": [
                "size": 888, "current_frame": 72, "base_frame": 80, "thread_id": 176, "native_thread_id": 184,
                "holds_gil": 36, "gil_requested": 40, "exc_state": 288
            ],
            "err_stackitem": ["exc_value": 0],
            "type_object": ["size": 424, "tp_basicsize": 32, "tp_dictoffset": 288],
            "heap_type_object": ["size": 952, "ht_cached_keys": 888],
            "unicode_object": ["size": 64, "asciiobject_size": 40, "compactunicodeobject_size": 56],
            // A size that exceeds its group's size is not an offset and is accepted.
            "gc": ["size": 176, "collecting": 112, "frame": 120, "generation_stats_size": 1112]
        ])
        let offsets = try DebugOffsets.decode(block.bytes)
        #expect(offsets.minor == 15)
        #expect(offsets.value("thread_state", "gil_requested") == 40)
        let layout = offsets.applied(to: .v3_15)
        #expect(!layout.isFreeThreaded && layout.codeTLBC == nil && layout.managedDictOffset == -24)
        #expect(layout.threadStateThreadId == 176)
        #expect(layout.threadStateNativeThreadId == 184)
        #expect(layout.heapTypeCachedKeys == 888)
        #expect(layout.typeDictoffset == 288)
        #expect(layout.compactUnicodeObjectSize == 56)
    }

    @Test func rejectsABadCookie() {
        var block = DebugOffsetsBytes(layout: .v3_13, versionHex: 0x030d_00f0)
        block.bytes[0] = UInt8(ascii: "X")
        #expect(throws: DebugOffsetsError.badCookie(Array("Xdebugpy".utf8))) {
            try DebugOffsets.decode(block.bytes)
        }
    }

    @Test func rejectsVersionsWithoutTheBlock() {
        let block = DebugOffsetsBytes(layout: .v3_13, versionHex: 0x030c_01f0)
        #expect(throws: DebugOffsetsError.unsupportedVersion(versionHex: 0x030c_01f0)) {
            try DebugOffsets.decode(block.bytes)
        }
    }

    @Test func rejectsAnotherMinorThanExpected() {
        let block = DebugOffsetsBytes(layout: .v3_14, versionHex: 0x030e_00f0)
        #expect(throws: DebugOffsetsError.versionMismatch(foundMinor: 14, expectedMinor: 13)) {
            try DebugOffsets.decode(block.bytes, expectedMinor: 13)
        }
    }

    @Test func rejectsAnUnknownMinor() {
        var bytes = DebugOffsetsBytes(layout: .v3_15, versionHex: 0x0310_00a1).bytes
        bytes.append(contentsOf: [UInt8](repeating: 0, count: 64))
        #expect(throws: DebugOffsetsError.unknownLayout(minor: 16)) { try DebugOffsets.decode(bytes) }
    }

    @Test func rejectsAnOffsetOutsideItsStruct() {
        var block = DebugOffsetsBytes(layout: .v3_13, versionHex: 0x030d_00f0)
        block.set(Self.live313)
        block.set("thread_state", "current_frame", 304)
        #expect(
            throws: DebugOffsetsError.fieldOutOfRange(
                group: "thread_state", field: "current_frame", offset: 304, limit: 304)
        ) {
            try DebugOffsets.decode(block.bytes)
        }
    }

    @Test func rejectsAnOffsetPastTheBoundInASizeLessGroup() {
        var block = DebugOffsetsBytes(layout: .v3_14, versionHex: 0x030e_00f0)
        block.set("llist_node", "prev", 1 << 40)
        #expect(
            throws: DebugOffsetsError.fieldOutOfRange(
                group: "llist_node", field: "prev", offset: 1 << 40, limit: DebugOffsets.maximumStructSize)
        ) {
            try DebugOffsets.decode(block.bytes)
        }
    }

    @Test func rejectsImplausibleGroupSizes() {
        var zero = DebugOffsetsBytes(layout: .v3_13, versionHex: 0x030d_00f0)
        zero.set("code_object", "size", 0)
        #expect(throws: DebugOffsetsError.badGroupSize(group: "code_object", size: 0)) {
            try DebugOffsets.decode(zero.bytes)
        }
        var huge = DebugOffsetsBytes(layout: .v3_13, versionHex: 0x030d_00f0)
        huge.set("runtime_state", "size", 1 << 20)
        #expect(throws: DebugOffsetsError.badGroupSize(group: "runtime_state", size: 1 << 20)) {
            try DebugOffsets.decode(huge.bytes)
        }
    }

    @Test func rejectsTruncatedBlocks() {
        #expect(throws: DebugOffsetsError.truncated(have: 10, need: 24)) {
            try DebugOffsets.decode(Array("xdebugpy".utf8) + [0, 0])
        }
        let block = DebugOffsetsBytes(layout: .v3_14, versionHex: 0x030e_00f0)
        #expect(throws: DebugOffsetsError.truncated(have: 584, need: 760)) {
            try DebugOffsets.decode(Array(block.bytes.prefix(584)))
        }
    }

    @Test func rejectsABadFreeThreadedFlag() {
        let block = DebugOffsetsBytes(layout: .v3_13, versionHex: 0x030d_00f0, freeThreaded: 2)
        #expect(throws: DebugOffsetsError.badFreeThreadedFlag(2)) { try DebugOffsets.decode(block.bytes) }
    }

    @Test func errorsDescribeThemselves() {
        #expect(DebugOffsetsError.badCookie(Array("Xdebugpy".utf8)).description.contains("\"Xdebugpy\""))
        #expect(
            DebugOffsetsError.fieldOutOfRange(group: "thread_state", field: "next", offset: 900, limit: 304)
                .description.contains("thread_state.next"))
    }
}
