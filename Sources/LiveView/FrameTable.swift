import ProfileModel

/// What a row of the table is keyed by: the parts of a frame label. In per-function mode `line` is 0, so all
/// lines of a function share one row; the label text itself comes from `FrameLabel`, the rule every output uses.
package struct FrameKey: Sendable, Hashable {
    package var name: String
    package var file: String
    package var line: Int

    package init(name: String, file: String, line: Int) {
        self.name = name
        self.file = file
        self.line = line
    }

    init(_ frame: Frame, byLine: Bool) {
        self.init(name: frame.name, file: frame.displayFilename, line: byLine ? frame.line : 0)
    }
}

/// Own and total sample counts of one row.
package struct SampleCounts: Sendable, Hashable {
    /// Samples in which this was the innermost frame.
    package var own = 0
    /// Samples in which this was anywhere on the stack, counted once per stack however deep the recursion.
    package var total = 0

    package init(own: Int = 0, total: Int = 0) {
        self.own = own
        self.total = total
    }
}

/// The counts of one row over three spans: the refresh interval being collected, the last completed interval
/// (which the percentage columns show, so that a key press redraws without a noisy half-interval), and
/// everything since the start or the last reset (which the time columns show).
struct RowCounts: Sendable, Hashable {
    var collecting = SampleCounts()
    var shown = SampleCounts()
    var overall = SampleCounts()
}

/// Per-row statistics for one aggregation (by function or by line).
///
/// Both aggregations are kept side by side: "recursion counts once" depends on the key (a recursive function
/// seen at two lines is two line-rows but one function-row), so one cannot be derived from the other, and
/// keeping both makes the `L` key exact and instant instead of starting from zero.
struct FrameTable: Sendable {
    let byLine: Bool
    private(set) var rows: [FrameKey: RowCounts] = [:]

    init(byLine: Bool) {
        self.byLine = byLine
    }

    /// Counts one thread's stack (innermost frame first): own for the innermost row, total once for every
    /// distinct row on the stack.
    mutating func record(_ frames: [Frame]) {
        guard let innermost = frames.first else { return }
        rows[FrameKey(innermost, byLine: byLine), default: RowCounts()].add(own: 1, total: 0)
        var seen = Set<FrameKey>(minimumCapacity: frames.count)
        for frame in frames {
            let key = FrameKey(frame, byLine: byLine)
            if seen.insert(key).inserted {
                rows[key, default: RowCounts()].add(own: 0, total: 1)
            }
        }
    }

    /// Ends a refresh interval: what was collected becomes what the percentages show.
    mutating func closeInterval() {
        for index in rows.values.indices {
            rows.values[index].shown = rows.values[index].collecting
            rows.values[index].collecting = SampleCounts()
        }
    }

    mutating func reset() {
        rows.removeAll(keepingCapacity: true)
    }
}

extension RowCounts {
    mutating func add(own: Int, total: Int) {
        collecting.own += own
        collecting.total += total
        overall.own += own
        overall.total += total
    }
}
