/// Decodes `co_lnotab`, the table of Python 2.x and 3.0–3.9, as `PyCode_Addr2Line` in
/// `Objects/codeobject.c` of those versions walks it (the format is described in `Objects/lnotab_notes.txt`).
///
/// The table is (address step, line step) byte pairs. Walking from address 0 and `co_firstlineno`, each
/// pair first moves the address; if that passes the wanted offset the walk stops, otherwise the line moves.
/// So offset `o` gets the line reached by every pair whose cumulative address is at most `o`, and the last
/// line holds for every offset beyond the table. The line step is an unsigned byte before 3.6 (long jumps
/// are repeated `(0, 255)` pairs) and a signed byte from 3.6 on. CPython reads `len / 2` pairs, so an odd
/// trailing byte is ignored.
enum LnotabDecoder {
    static func decode(_ bytes: [UInt8], firstLine: Int, signed: Bool, into ranges: inout LineRangeBuilder) {
        var address = 0
        var line = firstLine
        ranges.setLine(line, from: 0)
        var index = 0
        while index + 1 < bytes.count {
            address += Int(bytes[index])
            let step = bytes[index + 1]
            line &+= signed ? Int(Int8(bitPattern: step)) : Int(step)
            ranges.setLine(line, from: address)
            index += 2
        }
    }
}
