/// Collects the ranges a decoder produces, in increasing address order, into the compact form `LineTable`
/// searches: one start and one line per range, adjacent ranges with the same line merged.
struct LineRangeBuilder {
    private(set) var starts: [Int] = []
    private(set) var lines: [Int?] = []
    /// Where the last range ends; nil for formats whose last line extends forever.
    var end: Int?

    /// Records that offsets from `start` on have `line`, until the next call. A later call with the same
    /// start replaces the line (co_lnotab's `(0, delta)` pairs do this); starts must not decrease.
    mutating func setLine(_ line: Int?, from start: Int) {
        if let last = starts.last, last == start {
            lines[lines.count - 1] = line
        } else if lines.last != line || lines.isEmpty {
            starts.append(start)
            lines.append(line)
        }
    }

    /// Records the non-empty address range `start ..< end` with `line`; ranges arrive contiguous.
    mutating func appendRange(start: Int, end: Int, line: Int?) {
        guard end > start else { return }
        setLine(line, from: start)
        self.end = end
    }
}
