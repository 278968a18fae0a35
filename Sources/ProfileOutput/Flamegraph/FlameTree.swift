/// The call tree a flamegraph draws: collapsed stacks merged by common prefix, each node knowing how many
/// samples pass through it.
struct FlameTree: Sendable {
    struct Node: Sendable {
        var label: String
        /// Samples in this frame and everything it called.
        var total = 0
        /// Child node indices by label.
        var children: [String: Int] = [:]
    }

    /// Node 0 is the synthetic root every flamegraph has, labelled `all`.
    private(set) var nodes: [Node] = [Node(label: "all")]

    var totalSamples: Int { nodes[0].total }

    init(stacks: [(labels: [String], count: Int)]) {
        for (labels, count) in stacks where count > 0 {
            var current = 0
            nodes[0].total += count
            for label in labels {
                let child: Int
                if let existing = nodes[current].children[label] {
                    child = existing
                } else {
                    child = nodes.count
                    nodes.append(Node(label: label))
                    nodes[current].children[label] = child
                }
                nodes[child].total += count
                current = child
            }
        }
    }

    /// One frame as drawn: its depth (0 for `all`, at the top of the icicle) and its span in samples.
    struct Cell: Sendable, Hashable {
        var label: String
        var depth: Int
        var start: Int
        var samples: Int
    }

    /// Every frame to draw, parents before children and siblings in byte-wise label order (the order
    /// `flamegraph.pl` and inferno use, which makes the picture stable from run to run). Frames spanning fewer
    /// than `minimumSamples` are dropped with their descendants: they would be narrower than a pixel's tenth.
    func cells(minimumSamples: Double) -> [Cell] {
        var cells: [Cell] = []
        var pending: [(node: Int, depth: Int, start: Int)] = [(0, 0, 0)]
        while let next = pending.popLast() {
            let (index, depth, start) = next
            let node = nodes[index]
            guard node.total > 0, Double(node.total) >= minimumSamples else { continue }
            cells.append(Cell(label: node.label, depth: depth, start: start, samples: node.total))
            var childStart = start
            var children: [(node: Int, depth: Int, start: Int)] = []
            for label in node.children.keys.sorted(by: { $0.bytewiseLess($1) }) {
                guard let child = node.children[label] else { continue }
                children.append((child, depth + 1, childStart))
                childStart += nodes[child].total
            }
            // Reversed so the stack pops them in order.
            pending.append(contentsOf: children.reversed())
        }
        return cells
    }
}
