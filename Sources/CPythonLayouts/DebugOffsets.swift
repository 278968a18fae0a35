/// The offsets a CPython 3.13+ process publishes about itself: `_Py_DebugOffsets`, the first member of
/// `_PyRuntimeState` (so it sits at the address of the `_PyRuntime` symbol or the `.PyRuntime` section).
/// CPython fills it with `offsetof`/`sizeof` of the running build, so it is exact for every patch release and
/// for free-threaded builds, where a table compiled from one release's headers is not (3.14.5 moved
/// `PyInterpreterState.imports.modules`). Declared in Include/internal/pycore_runtime.h (3.13) and
/// Include/internal/pycore_debug_offsets.h (3.14+).
///
/// Decoding checks everything before any value is used: the cookie, the version, every group's `size`, and
/// that every field lies inside its group's struct.
package struct DebugOffsets: Sendable, Hashable {
    /// The eight bytes every `_Py_DebugOffsets` starts with.
    package static let cookie: [UInt8] = Array("xdebugpy".utf8)
    /// cookie (8) + `version` (8) + `free_threaded` (8): enough to learn which layout follows.
    package static let headerSize = 24
    /// Upper bound for a group's `size` and for offsets in groups without one (the largest real struct,
    /// `_PyRuntimeState`, is about 340 KiB in 3.15).
    package static let maximumStructSize: UInt64 = 1 << 20

    /// `PY_VERSION_HEX` of the build: 0x030d00f0 is 3.13.0 final.
    package var versionHex: UInt64
    /// `free_threaded` (present since 3.13.0): 1 for a `Py_GIL_DISABLED` build (`python3.13t`). The block's
    /// layout is the same in such builds, but object headers are larger, so the fields this block does not
    /// carry (see `applied(to:)`) cannot come from a GIL-build table.
    package var isFreeThreaded: Bool
    /// The layout the block was decoded with.
    package var layout: DebugOffsetsLayout
    /// Every decoded field, keyed `"group.field"` with CPython's names (`"thread_state.current_frame"`).
    package var values: [String: UInt64]

    package var major: Int { Int((versionHex >> 24) & 0xff) }
    package var minor: Int { Int((versionHex >> 16) & 0xff) }
    package var micro: Int { Int((versionHex >> 8) & 0xff) }

    package init(versionHex: UInt64, isFreeThreaded: Bool, layout: DebugOffsetsLayout, values: [String: UInt64]) {
        self.versionHex = versionHex
        self.isFreeThreaded = isFreeThreaded
        self.layout = layout
        self.values = values
    }

    /// One field's value, e.g. `value("runtime_state", "interpreters_head")`; nil when this version's struct
    /// has no such field.
    package func value(_ group: String, _ field: String) -> UInt64? {
        values["\(group).\(field)"]
    }

    /// `value` as an `Int` offset. Decoding bounded every value by `maximumStructSize`, so this cannot trap.
    package func offset(_ group: String, _ field: String) -> Int? {
        value(group, field).map { Int($0) }
    }

    /// How many bytes to read at `_PyRuntime` for CPython 3.`minor`: the size of its `_Py_DebugOffsets`, or
    /// the largest known one for a minor version without a layout (decoding then reports `unknownLayout`).
    /// `_PyRuntimeState` is far larger than any of them, so the read stays inside the object.
    package static func bytesToRead(forMinor minor: Int) -> Int {
        DebugOffsetsLayout.forMinor(minor)?.totalSize ?? maximumBytesToRead
    }

    /// The largest `_Py_DebugOffsets` of any known version.
    package static var maximumBytesToRead: Int {
        DebugOffsetsLayout.all.map(\.totalSize).max() ?? headerSize
    }

    /// Decodes and validates a block read from `_PyRuntime`. `expectedMinor` is the 3.x minor version the
    /// caller detected some other way (from the binary); a block from another version is refused.
    package static func decode(_ bytes: [UInt8], expectedMinor: Int? = nil) throws(DebugOffsetsError) -> DebugOffsets {
        guard bytes.count >= headerSize else { throw .truncated(have: bytes.count, need: headerSize) }
        guard Array(bytes[0..<8]) == cookie else { throw .badCookie(Array(bytes[0..<8])) }
        let versionHex = readWord(bytes, at: 8)
        let major = Int((versionHex >> 24) & 0xff), minor = Int((versionHex >> 16) & 0xff)
        guard versionHex >> 32 == 0, major == 3, minor >= 13 else { throw .unsupportedVersion(versionHex: versionHex) }
        if let expectedMinor, expectedMinor != minor {
            throw .versionMismatch(foundMinor: minor, expectedMinor: expectedMinor)
        }
        guard let layout = DebugOffsetsLayout.forMinor(minor) else { throw .unknownLayout(minor: minor) }
        guard bytes.count >= layout.totalSize else { throw .truncated(have: bytes.count, need: layout.totalSize) }
        let freeThreaded = readWord(bytes, at: 16)
        guard freeThreaded <= 1 else { throw .badFreeThreadedFlag(freeThreaded) }

        var values: [String: UInt64] = [:]
        for group in layout.groups {
            let limit: UInt64
            if group.hasSize, let sizeField = group.fields.first {
                limit = readWord(bytes, at: sizeField.position)
                guard limit > 0, limit < maximumStructSize else { throw .badGroupSize(group: group.name, size: limit) }
            } else {
                limit = maximumStructSize
            }
            for field in group.fields {
                let value = readWord(bytes, at: field.position)
                let bound = field.isSize ? maximumStructSize : limit
                guard value < bound else {
                    throw .fieldOutOfRange(group: group.name, field: field.name, offset: value, limit: bound)
                }
                values["\(group.name).\(field.name)"] = value
            }
        }
        return DebugOffsets(versionHex: versionHex, isFreeThreaded: freeThreaded == 1, layout: layout, values: values)
    }

    /// A little-endian `uint64_t` at `position`; callers have checked that eight bytes are there.
    private static func readWord(_ bytes: [UInt8], at position: Int) -> UInt64 {
        var word: UInt64 = 0
        for index in 0..<8 { word |= UInt64(bytes[position + index]) << (8 * index) }
        return word
    }
}
