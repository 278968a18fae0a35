/// One `uint64_t` field of `_Py_DebugOffsets`: its name in CPython's header and its byte position inside
/// the block.
package struct DebugOffsetsField: Sendable, Hashable {
    package var name: String
    package var position: Int

    package init(name: String, position: Int) {
        self.name = name
        self.position = position
    }

    /// Fields that hold a size rather than an offset: `size` itself, and e.g. `asciiobject_size`,
    /// `generation_stats_size` (3.15) or `debugger_script_path_size`, which may legitimately exceed their
    /// group's `size`.
    package var isSize: Bool { name == "size" || name.hasSuffix("_size") }
}

/// One nested struct of `_Py_DebugOffsets` (`runtime_state`, `thread_state`, …). Most start with `size`, the
/// `sizeof` of the CPython struct the group describes; a few (`llist_node`, `debugger_support` in 3.14+,
/// `err_stackitem` in 3.15) have no `size`.
package struct DebugOffsetsGroup: Sendable, Hashable {
    package var name: String
    package var fields: [DebugOffsetsField]

    package init(_ name: String, fields: [(String, Int)]) {
        self.name = name
        self.fields = fields.map { DebugOffsetsField(name: $0.0, position: $0.1) }
    }

    /// Whether the first field is the struct's `size`, against which every offset in the group is checked.
    package var hasSize: Bool { fields.first?.name == "size" }
}

/// Where every field of one CPython minor version's `_Py_DebugOffsets` lies. The struct is a cookie
/// (`char[8]`), `version` and `free_threaded` (both `uint64_t`), then nested structs of `uint64_t` only;
/// fields are added between minor versions, so each minor needs its own layout. The layout does not depend on
/// `Py_GIL_DISABLED`: free-threaded builds fill the same fields with their own values.
package struct DebugOffsetsLayout: Sendable, Hashable {
    package var minor: Int
    /// `sizeof(_Py_DebugOffsets)`: how many bytes to read from the start of `_PyRuntime`.
    package var totalSize: Int
    package var groups: [DebugOffsetsGroup]

    package init(minor: Int, totalSize: Int, groups: [DebugOffsetsGroup]) {
        self.minor = minor
        self.totalSize = totalSize
        self.groups = groups
    }

    /// Lays out groups of `uint64_t` fields one after another from the end of the 24-byte header, as a C
    /// compiler does for a struct made only of `uint64_t`. Used for the versions whose headers are not
    /// installed (3.14, 3.15); the generated 3.13 layout is checked against it in the tests.
    package static func sequential(minor: Int, _ groups: [(String, [String])]) -> DebugOffsetsLayout {
        var position = DebugOffsets.headerSize
        var placed: [DebugOffsetsGroup] = []
        for (name, fields) in groups {
            var pairs: [(String, Int)] = []
            for field in fields {
                pairs.append((field, position))
                position += 8
            }
            placed.append(DebugOffsetsGroup(name, fields: pairs))
        }
        return DebugOffsetsLayout(minor: minor, totalSize: position, groups: placed)
    }

    /// The layout for CPython 3.`minor`, or nil when swiftspy does not know it (before 3.13 there is no
    /// `_Py_DebugOffsets`; after 3.15 the struct has not been described yet).
    package static func forMinor(_ minor: Int) -> DebugOffsetsLayout? {
        switch minor {
        case 13: return .v3_13
        case 14: return .v3_14
        case 15: return .v3_15
        default: return nil
        }
    }

    /// Every known layout, oldest first.
    package static var all: [DebugOffsetsLayout] { [.v3_13, .v3_14, .v3_15] }
}
