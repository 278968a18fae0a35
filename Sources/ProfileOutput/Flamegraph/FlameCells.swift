/// The frames a flamegraph draws, computed from the distinct stacks without building the call tree.
///
/// The stacks are sorted by their labels, root first, so every frame of the graph is one run of consecutive
/// stacks that share the labels down to it (flamegraph.pl's `flow` works the same way). Walking the sorted list
/// once with the current path as a stack, a frame is complete when the path leaves it, and it is kept only if it
/// spans at least the minimum share of all samples: what is held is the sorted list (which the counts already
/// own) and the kept frames, never one node per distinct frame of a recording of never-repeating stacks.
struct FlameCells: Sendable {
    /// One frame as drawn: its label's index, its depth (0 for `all`, at the top of the icicle) and its span
    /// in samples.
    struct Cell: Sendable, Hashable {
        var label: Int
        var depth: Int
        var start: Int
        var samples: Int
    }

    /// Label texts; `labels.count` is `all`'s index.
    let labels: [[UInt8]]
    /// Kept frames, parents before children and siblings in byte-wise label order (as `flamegraph.pl` and
    /// inferno order them, which keeps the picture stable from run to run).
    let cells: [Cell]
    let totalSamples: Int
    /// Rows drawn, `all` included.
    var depth: Int { (cells.map(\.depth).max() ?? -1) + 1 }

    /// The text of a cell's label.
    func label(of cell: Cell) -> String {
        cell.label < labels.count ? String(decoding: labels[cell.label], as: UTF8.self) : "all"
    }

    /// `stacks` are frame-id stacks (root first) with their counts; `labelOf` maps a frame id to its index in
    /// `labels`, equal texts sharing one index, so stacks whose labels coincide merge. Frames spanning less than
    /// `minimumFraction` of all samples are left out with everything they called.
    init(labels: [[UInt8]], labelOf: [UInt32], stacks: [(ids: [UInt32], count: Int)], minimumFraction: Double) {
        self.labels = labels
        func label(_ frame: UInt32) -> Int { Int(labelOf[Int(frame)]) }
        let sorted = stacks.filter { $0.count > 0 && !$0.ids.isEmpty }.sorted { lhs, rhs in
            Self.compare(lhs.ids, rhs.ids, label: label, labels: labels) < 0
        }
        let total = sorted.reduce(0) { $0 + $1.count }
        totalSamples = total
        guard total > 0 else {
            cells = []
            return
        }
        let minimum = max(1, Int((minimumFraction * Double(total)).rounded(.up)))
        var kept: [Cell] = [Cell(label: labels.count, depth: 0, start: 0, samples: total)]
        var path: [(label: Int, start: Int)] = []
        var position = 0
        func leave(downTo depth: Int) {
            while path.count > depth {
                let frame = path.removeLast()
                let samples = position - frame.start
                if samples >= minimum {
                    kept.append(Cell(label: frame.label, depth: path.count + 1, start: frame.start, samples: samples))
                }
            }
        }
        for stack in sorted {
            var shared = 0
            while shared < path.count, shared < stack.ids.count, path[shared].label == label(stack.ids[shared]) {
                shared += 1
            }
            leave(downTo: shared)
            for frame in stack.ids[shared...] { path.append((label(frame), position)) }
            position += stack.count
        }
        leave(downTo: 0)
        // Children were completed before their parents; by start, then depth, is parents-first order.
        cells = kept.sorted { ($0.start, $0.depth) < ($1.start, $1.depth) }
    }

    /// Orders two stacks by their labels, frame by frame (a stack that is a prefix of the other first), so
    /// every frame's stacks are consecutive. Comparing whole joined lines, as `raw` sorts, would not do: `f
    /// (m.py:1)` is a prefix of `f (m.py:10)`, and joined with `;` the two interleave.
    private static func compare(_ a: [UInt32], _ b: [UInt32], label: (UInt32) -> Int, labels: [[UInt8]]) -> Int {
        for (x, y) in zip(a, b) {
            let left = label(x), right = label(y)
            guard left != right else { continue }
            return labels[left].lexicographicallyPrecedes(labels[right]) ? -1 : 1
        }
        return a.count - b.count
    }
}
