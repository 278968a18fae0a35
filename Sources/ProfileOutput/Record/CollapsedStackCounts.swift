import ProfileModel

/// Sample counts per distinct stack, the aggregate behind both `raw` and `flamegraph`.
///
/// Each frame is interned once and each stack is stored once as an array of frame ids, so memory follows the
/// number of distinct stacks. Labels are only built when the output is rendered.
struct CollapsedStackCounts: Sendable {
    let lineNumbers: LineNumberMode
    private var frames = FrameInterner()
    private var counts: [FrameIDStack: Int] = [:]
    /// Reused for every sample so that adding a stack seen before allocates nothing.
    private var scratch: [UInt32] = []
    /// The last stack added and how many times in a row: consecutive samples very often repeat a stack, and
    /// comparing two arrays is much cheaper than hashing one. Flushed into `counts` when the stack changes.
    private var repeated: [UInt32] = []
    private var repeats = 0

    init(lineNumbers: LineNumberMode) {
        self.lineNumbers = lineNumbers
    }

    /// Counts one sample of `stack`. Stacks without frames are skipped: a collapsed line needs at least one
    /// frame, and flamegraph tools reject an empty one.
    mutating func add(_ stack: ThreadStack) {
        guard !stack.frames.isEmpty else { return }
        frames.rootFirstIDs(of: stack, into: &scratch) { $0.labelKey(lineNumbers) }
        if scratch == repeated {
            repeats += 1
            return
        }
        flushRepeats()
        swap(&repeated, &scratch)
        repeats = 1
    }

    private mutating func flushRepeats() {
        if repeats > 0 { counts[FrameIDStack(ids: repeated), default: 0] += repeats }
        repeats = 0
    }

    /// Every distinct stack with its count, including the run still being counted.
    private var allCounts: [FrameIDStack: Int] {
        var all = counts
        if repeats > 0 { all[FrameIDStack(ids: repeated), default: 0] += repeats }
        return all
    }

    /// How many distinct stacks are held (before stacks with equal labels are merged).
    var distinctStackCount: Int { allCounts.count }

    /// How many distinct frames are held.
    var distinctFrameCount: Int { frames.count }

    /// Every distinct stack as labels, root first, with its count. Stacks whose labels coincide (say, two
    /// files with the same short name) are merged, as py-spy merges them by their joined text.
    func labelledStacks() -> [(labels: [String], count: Int)] {
        let labels = frames.values.map { FrameLabel.text(name: $0.name, file: $0.file, line: $0.line) }
        var merged: [[String]: Int] = [:]
        for (stack, count) in allCounts {
            merged[stack.ids.map { labels[Int($0)] }, default: 0] += count
        }
        return merged.map { (labels: $0.key, count: $0.value) }
    }

    /// The collapsed ("folded") lines `root;…;leaf count`, sorted byte-wise so the file is reproducible.
    func collapsedLines() -> [String] {
        var merged: [String: Int] = [:]
        for (labels, count) in labelledStacks() {
            merged[labels.joined(separator: ";"), default: 0] += count
        }
        return merged.keys.sorted { $0.bytewiseLess($1) }.map { "\($0) \(merged[$0] ?? 0)" }
    }
}

/// The `raw` format: Brendan Gregg's collapsed stacks, one `root;…;leaf count` line per distinct stack,
/// ready for `flamegraph.pl`, inferno or speedscope's importer.
public struct CollapsedStacksWriter: ProfileWriter, Sendable {
    private var counts: CollapsedStackCounts

    public init(lineNumbers: LineNumberMode = .currentLine) {
        counts = CollapsedStackCounts(lineNumbers: lineNumbers)
    }

    public mutating func add(_ stacks: [ThreadStack], at time: Duration) {
        for stack in stacks { counts.add(stack) }
    }

    /// Sorted lines, each ending in a newline; empty when nothing was sampled.
    public func render() -> String {
        counts.collapsedLines().map { $0 + "\n" }.joined()
    }

    /// How many distinct stacks are held: the writer's memory is proportional to this.
    public var distinctStackCount: Int { counts.distinctStackCount }
}

/// A stack of frame ids as a dictionary key, hashed as one block of bytes: for a deep stack that is several
/// times cheaper than hashing it id by id, and a busy thread's stack changes (and is counted) nearly every sample.
struct FrameIDStack: Hashable, Sendable {
    var ids: [UInt32]

    func hash(into hasher: inout Hasher) {
        ids.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
