import Testing
@testable import CodeLocations

/// Hand-written cases: py-spy's unit vectors, the semantics at range boundaries, and version selection.
@Suite struct LineTableTests {
    /// py-spy's `test_get_line_number`: a 3.7 lnotab, first line 3, f_lasti 30.
    @Test func pySpyLnotabVector() {
        let table = LineTable(format: .lnotabSigned, bytes: [0, 1, 10, 1, 8, 1, 4, 1], firstLine: 3)
        #expect(table.line(atByteOffset: 30) == 7)
        #expect(table.line(atByteOffset: 0) == 4)
        #expect(table.line(atByteOffset: 9) == 4)
        #expect(table.line(atByteOffset: 10) == 5)
        #expect(table.line(atByteOffset: 21) == 6)
        #expect(table.line(atByteOffset: -1) == 3)
    }

    /// py-spy's `test_py3_11_line_numbers`: a 3.11 location table, first line 4. py-spy passes 214, the
    /// pointer difference from the code object; `co_code_adaptive` is at 184 in 3.11.7, so the offset into
    /// the bytecode is 30.
    @Test func pySpyLocationTableVector() {
        let bytes: [UInt8] = [
            128, 0, 221, 4, 8, 132, 74, 136, 118, 209, 4, 22, 212, 4, 22, 208, 4, 22, 208, 4, 22, 208, 4, 22
        ]
        let table = LineTable(format: .locationTable, bytes: bytes, firstLine: 4)
        #expect(table.line(atByteOffset: 214 - 184) == 5)
        #expect(table.ranges == [LineRange(start: 0, end: 2, line: 4), LineRange(start: 2, end: 46, line: 5)])
        // Past the end of the table CPython has no line; py-spy's walk would still say 5.
        #expect(table.line(atByteOffset: 214) == nil)
    }

    /// The start of an entry belongs to that entry: `[start, end)`, the case py-spy gets wrong (§7.3).
    @Test func locationRangesAreHalfOpen() {
        // 1 unit at line 10, then 2 units at line 11 (one-line form +1), then 1 unit at line 11.
        let table = LineTable(format: .locationTable, bytes: [0x80, 0, 0xd9, 4, 5, 0x80, 0], firstLine: 10)
        #expect(table.line(atByteOffset: 1) == 10)
        #expect(table.line(atByteOffset: 2) == 11)
        #expect(table.line(atByteOffset: 6) == 11)
        #expect(table.line(atByteOffset: 8) == nil)
    }

    @Test func lnotabLineStepsAreUnsignedBefore36() {
        let bytes: [UInt8] = [4, 200, 2, 255, 0, 255]
        #expect(LineTable(format: .lnotabUnsigned, bytes: bytes, firstLine: 1).line(atByteOffset: 6) == 711)
        #expect(LineTable(format: .lnotabSigned, bytes: bytes, firstLine: 1).line(atByteOffset: 6) == -57)
    }

    @Test func lnotabRepeatsItsLastLineForever() {
        let table = LineTable(format: .lnotabSigned, bytes: [0, 1, 6, 1], firstLine: 1)
        #expect(table.line(atByteOffset: 1_000_000) == 3)
        #expect(LineTable(format: .lnotabUnsigned, bytes: [], firstLine: 7).line(atByteOffset: 50) == 7)
    }

    @Test func lineTable310NoLineAndZeroLengthRanges() {
        // [0,0) +5 skipped; [0,4) no line; [4,10) line +3 from the running 105 = 108.
        let table = LineTable(format: .lineTable310, bytes: [0, 5, 4, 0x80, 6, 3], firstLine: 100)
        #expect(table.line(atByteOffset: 0) == nil)
        #expect(table.line(atByteOffset: 4) == 108)
        #expect(table.line(atByteOffset: 10) == nil)
        #expect(table.line(atByteOffset: -2) == 100)
    }

    @Test func varints() {
        #expect(LocationTableDecoder.varint(at: 0, in: [0x05]) == 5)
        #expect(LocationTableDecoder.varint(at: 0, in: [0x59, 0x09]) == 601)
        #expect(LocationTableDecoder.signedVarint(at: 0, in: [0x59, 0x09]) == -300)
        #expect(LocationTableDecoder.signedVarint(at: 0, in: [0x40, 0x7d, 0x01]) == 4000)
        #expect(LocationTableDecoder.varint(at: 0, in: [0x42]) == 2)  // cut off: the missing byte is 0
        #expect(LocationTableDecoder.varint(at: 3, in: [0x42]) == 0)
        #expect(LocationTableDecoder.varint(at: 0, in: [UInt8](repeating: 0x7f, count: 12)) == UInt32.max)
    }

    @Test func formatsByVersion() {
        #expect(LineTableFormat.format(major: 2, minor: 7) == .lnotabUnsigned)
        #expect(LineTableFormat.format(major: 3, minor: 5) == .lnotabUnsigned)
        #expect(LineTableFormat.format(major: 3, minor: 6) == .lnotabSigned)
        #expect(LineTableFormat.format(major: 3, minor: 9) == .lnotabSigned)
        #expect(LineTableFormat.format(major: 3, minor: 10) == .lineTable310)
        #expect(LineTableFormat.format(major: 3, minor: 11) == .locationTable)
        #expect(LineTableFormat.format(major: 3, minor: 14) == .locationTable)
        #expect(LineTableFormat.format(major: 4, minor: 0) == nil)
        #expect(LineTableFormat.format(major: 3, minor: -1) == nil)
        #expect(LineTable.format(major: 3, minor: 12) == .locationTable)
    }

    /// Random bytes in every format decode without trapping, and look-ups stay consistent with the ranges.
    @Test(arguments: LineTableFormat.allCases)
    func garbageIsSafe(format: LineTableFormat) {
        var random = SplitMix64(seed: 0x11ae)
        for _ in 0..<2000 {
            let count = Int(random.next() % 64)
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let table = LineTable(format: format, bytes: bytes, firstLine: Int(random.next() % 1000))
            for range in table.ranges {
                #expect(range.end.map { $0 > range.start } ?? true)
                #expect(table.line(atByteOffset: range.start) == range.line)
            }
            for offset in -1..<(count * 255 + 2) where offset % 7 == 0 {
                _ = table.line(atByteOffset: offset)
            }
        }
    }
}

/// A tiny deterministic generator, so a failing case can be replayed.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
