/// A code object's line-number table, decoded once into sorted address ranges so that each look-up is a
/// binary search. Code objects are immutable, so a profiler decodes a table the first time it meets a code
/// object and keeps the `LineTable` for as long as the object lives.
///
/// The answers are exactly those of CPython's `PyCode_Addr2Line` for the table's format, including its
/// edge cases: a negative offset gives `firstLine`, an offset past the end gives the last line (≤ 3.9) or
/// no line (3.10+), and 3.10+ tables can mark ranges as having no line at all.
///
/// Decoding never fails and never traps. The table comes from another process and may be torn or garbage;
/// it is decoded the way CPython would walk it, reading a missing trailing byte as the 0 that terminates
/// every bytes object, and the work is bounded by the table's length. Callers bound that length.
package struct LineTable: Sendable, Hashable {
    package let format: LineTableFormat
    /// `co_firstlineno`.
    package let firstLine: Int

    /// Range `i` covers byte offsets `starts[i] ..< starts[i + 1]` (the last one up to `end`).
    let starts: [Int]
    /// The line of each range; nil where CPython reports no line (-1).
    let lines: [Int?]
    /// Where the last range stops; nil when it never stops (`co_lnotab` repeats its last line forever).
    let end: Int?

    package init(format: LineTableFormat, bytes: [UInt8], firstLine: Int) {
        self.format = format
        self.firstLine = firstLine
        var ranges = LineRangeBuilder()
        switch format {
        case .lnotabUnsigned: LnotabDecoder.decode(bytes, firstLine: firstLine, signed: false, into: &ranges)
        case .lnotabSigned: LnotabDecoder.decode(bytes, firstLine: firstLine, signed: true, into: &ranges)
        case .lineTable310: LineTable310Decoder.decode(bytes, firstLine: firstLine, into: &ranges)
        case .locationTable: LocationTableDecoder.decode(bytes, firstLine: firstLine, into: &ranges)
        }
        starts = ranges.starts
        lines = ranges.lines
        end = ranges.end
    }

    /// The table format CPython `major.minor` uses; the same as `LineTableFormat.format(major:minor:)`.
    package static func format(major: Int, minor: Int) -> LineTableFormat? {
        LineTableFormat.format(major: major, minor: minor)
    }

    /// The source line for the instruction at `offset` bytes into the code, as `PyCode_Addr2Line` computes
    /// it; nil where CPython answers -1 (no line). See `LineTableFormat` for which offset each version uses.
    package func line(atByteOffset offset: Int) -> Int? {
        if offset < 0 { return firstLine }
        if let end, offset >= end { return nil }
        // The last range starting at or before `offset`.
        var low = 0
        var high = starts.count
        while low < high {
            let middle = low + (high - low) / 2
            if starts[middle] <= offset { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : lines[low - 1]
    }

    /// The decoded ranges, in address order: for tests, debugging and `dump`-style output.
    package var ranges: [LineRange] {
        starts.indices.map { index in
            let upper = index + 1 < starts.count ? starts[index + 1] : end
            return LineRange(start: starts[index], end: upper, line: lines[index])
        }
    }
}

/// One decoded range of byte offsets `start ..< end` that map to `line` (nil: no line; `end` nil: unbounded).
package struct LineRange: Sendable, Hashable {
    package let start: Int
    package let end: Int?
    package let line: Int?

    package init(start: Int, end: Int?, line: Int?) {
        self.start = start
        self.end = end
        self.line = line
    }
}
