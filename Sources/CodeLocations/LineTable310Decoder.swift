/// Decodes the `co_linetable` of Python 3.10, mirroring `PyLineTable_NextAddressRange` and
/// `_PyCode_CheckLineNumber` in that version's `Objects/codeobject.c` (format: 3.10's
/// `Objects/lnotab_notes.txt`).
///
/// The table is (address step, line step) byte pairs read as a sequence of address ranges: each pair
/// starts a range where the previous one ended and makes it `step` bytes long. A line step of -128 gives the
/// range no line (without moving the running line); any other step moves the running line and the range
/// takes it. Zero-length ranges, which the compiler emits for line steps beyond ±127, cover no offset.
/// Offsets past the last range have no line.
///
/// A table of odd length makes CPython read the final line step from the bytes object's terminating NUL,
/// so a missing byte reads as 0 here too.
enum LineTable310Decoder {
    static func decode(_ bytes: [UInt8], firstLine: Int, into ranges: inout LineRangeBuilder) {
        var end = 0
        var line = firstLine
        var index = 0
        while index < bytes.count {
            let start = end
            end += Int(bytes[index])
            let step = Int8(bitPattern: index + 1 < bytes.count ? bytes[index + 1] : 0)
            index += 2
            if step == -128 {
                ranges.appendRange(start: start, end: end, line: nil)
            } else {
                line &+= Int(step)
                ranges.appendRange(start: start, end: end, line: line)
            }
        }
    }
}
