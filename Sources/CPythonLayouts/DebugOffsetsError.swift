/// Why a block read from the start of `_PyRuntime` was not accepted as `_Py_DebugOffsets`. Each case names
/// what was wrong, so that an attach failure can say it; none of them is worth guessing around, since every
/// later read would be placed by these numbers.
package enum DebugOffsetsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Fewer bytes than the header, or than the layout of the version the header names.
    case truncated(have: Int, need: Int)
    /// The first eight bytes are not `xdebugpy`: not a 3.13+ `_PyRuntime`, or the wrong address.
    case badCookie([UInt8])
    /// `version` is not a CPython 3.13 or later `PY_VERSION_HEX`.
    case unsupportedVersion(versionHex: UInt64)
    /// The block is from a different minor version than the one detected from the binary.
    case versionMismatch(foundMinor: Int, expectedMinor: Int)
    /// A 3.x version newer than any layout swiftspy knows.
    case unknownLayout(minor: Int)
    /// `free_threaded` is neither 0 nor 1.
    case badFreeThreadedFlag(UInt64)
    /// A group's `size` (the sizeof of the struct it describes) is zero or implausibly large.
    case badGroupSize(group: String, size: UInt64)
    /// A field lies outside its struct (offset ≥ the group's `size`), or past the sanity bound for groups
    /// without a `size`.
    case fieldOutOfRange(group: String, field: String, offset: UInt64, limit: UInt64)

    package var description: String {
        switch self {
        case let .truncated(have, need):
            return "_Py_DebugOffsets is truncated: \(have) bytes, need \(need)"
        case let .badCookie(bytes):
            let shown = bytes.map { (0x20..<0x7f).contains($0) ? String(UnicodeScalar($0)) : "." }.joined()
            return "_Py_DebugOffsets cookie is \"\(shown)\", expected \"xdebugpy\""
        case let .unsupportedVersion(hex):
            return "_Py_DebugOffsets version 0x\(String(hex, radix: 16)) is not CPython 3.13 or later"
        case let .versionMismatch(found, expected):
            return "_Py_DebugOffsets is for 3.\(found), but the interpreter was detected as 3.\(expected)"
        case let .unknownLayout(minor):
            return "no _Py_DebugOffsets layout is known for CPython 3.\(minor)"
        case let .badFreeThreadedFlag(value):
            return "_Py_DebugOffsets free_threaded is \(value), expected 0 or 1"
        case let .badGroupSize(group, size):
            return "_Py_DebugOffsets \(group).size is \(size), outside 1..<\(DebugOffsets.maximumStructSize)"
        case let .fieldOutOfRange(group, field, offset, limit):
            return "_Py_DebugOffsets \(group).\(field) is \(offset), not below \(limit)"
        }
    }
}
