/// Decodes the location table of Python 3.11 and later (`co_linetable`, described in CPython's
/// `Objects/locations.md`), mirroring `advance`, `get_line_delta` and `scan_varint` in
/// `Objects/codeobject.c` so that the ranges are exactly the half-open `[start, end)` ranges that
/// `PyCode_Addr2Line` searches. Only lines are decoded; columns are skipped.
///
/// Each entry starts with a byte `1cccclll`: `llll + 1` is the length in code units (2 bytes each) and
/// `cccc` the form. The forms move the running line as follows:
/// - 0–9 (short form) and 10 (one-line form): by 0;
/// - 11 and 12 (one-line form): by 1 and 2;
/// - 13 (no columns) and 14 (long form): by a signed varint that follows the first byte;
/// - 15 (no location): by 0, and the range has no line.
///
/// As in CPython, an entry ends where the next byte with bit 7 set begins (not where its payload would
/// end), and a varint runs until a byte without its 0x40 continuation bit; a varint cut off by the end of
/// the table reads the bytes object's terminating NUL, i.e. 0, which ends it.
enum LocationTableDecoder {
    static func decode(_ bytes: [UInt8], firstLine: Int, into ranges: inout LineRangeBuilder) {
        var end = 0
        var line = firstLine
        var index = 0
        while index < bytes.count {
            let first = bytes[index]
            line &+= lineDelta(form: (first >> 3) & 0xf, payloadAt: index + 1, in: bytes)
            let start = end
            end += (Int(first & 7) + 1) * 2
            // Only a proper "no location" byte (bit 7 and form 15) clears the line.
            ranges.appendRange(start: start, end: end, line: first >> 3 == 0x1f ? nil : line)
            index += 1
            while index < bytes.count, bytes[index] & 0x80 == 0 { index += 1 }
        }
    }

    private static func lineDelta(form: UInt8, payloadAt index: Int, in bytes: [UInt8]) -> Int {
        switch form {
        case 11: return 1
        case 12: return 2
        case 13, 14: return signedVarint(at: index, in: bytes)
        default: return 0
        }
    }

    /// A varint of 6-bit groups, least significant first, 0x40 meaning "more follows". Bits beyond 32 are
    /// dropped (CPython accumulates in an `unsigned int`). Reads at most one byte past the table.
    static func varint(at start: Int, in bytes: [UInt8]) -> UInt32 {
        var index = start
        var byte = index < bytes.count ? bytes[index] : 0
        var value = UInt32(byte & 63)
        var shift: UInt32 = 0
        while byte & 64 != 0 {
            index += 1
            byte = index < bytes.count ? bytes[index] : 0
            shift += 6
            if shift < 32 { value |= UInt32(byte & 63) << shift }
        }
        return value
    }

    /// A varint whose low bit is the sign: `v >> 1` negated when `v & 1` is set.
    static func signedVarint(at start: Int, in bytes: [UInt8]) -> Int {
        let raw = varint(at: start, in: bytes)
        let magnitude = Int(raw >> 1)
        return raw & 1 != 0 ? -magnitude : magnitude
    }
}
