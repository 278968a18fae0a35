import ProfileModel

/// Sample counts per distinct stack, the aggregate behind both `raw` and `flamegraph`.
///
/// Each frame is interned once and each stack is stored once as an array of frame ids, so memory follows the
/// number of distinct stacks. Labels are only built when the output is rendered.
struct CollapsedStackCounts: Sendable {
    let lineNumbers: LineNumbers
    private var frames = FrameInterner()
    private var counts: [FrameIDStack: Int] = [:]
    /// Reused for every sample so that adding a stack seen before allocates nothing.
    private var scratch: [UInt32] = []
    /// The last stack added and how many times in a row: consecutive samples very often repeat a stack, and
    /// comparing two arrays is much cheaper than hashing one. Flushed into `counts` when the stack changes.
    private var repeated: [UInt32] = []
    private var repeats = 0

    init(lineNumbers: LineNumbers) {
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

    /// Every distinct stack with its count, including the run still being counted, without copying the table.
    /// The run may repeat a stack the table also holds: callers sort and merge equal neighbours anyway.
    private var stackList: [(ids: [UInt32], count: Int)] {
        var list = counts.map { (ids: $0.key.ids, count: $0.value) }
        if repeats > 0 { list.append((repeated, repeats)) }
        return list
    }

    /// How many distinct stacks are held (before stacks with equal labels are merged).
    var distinctStackCount: Int {
        counts.count + (repeats > 0 && counts[FrameIDStack(ids: repeated)] == nil ? 1 : 0)
    }

    /// How many distinct frames are held.
    var distinctFrameCount: Int { frames.count }

    /// Each frame's label as UTF-8, by frame id.
    private var frameLabels: [[UInt8]] {
        frames.values.map { Array(FrameLabel.text(name: $0.name, file: $0.file, line: $0.line).utf8) }
    }

    /// The frames a flamegraph of these stacks draws (see `FlameCells`). Frames whose labels coincide (say,
    /// two files with the same short name) are one, as py-spy merges them by their text.
    func flameCells(minimumFraction: Double) -> FlameCells {
        var labels: [[UInt8]] = []
        var indexOfLabel: [[UInt8]: UInt32] = [:]
        let labelOf = frameLabels.map { text in
            if let index = indexOfLabel[text] { return index }
            let index = UInt32(labels.count)
            indexOfLabel[text] = index
            labels.append(text)
            return index
        }
        return FlameCells(labels: labels, labelOf: labelOf, stacks: stackList, minimumFraction: minimumFraction)
    }

    /// The collapsed ("folded") lines `root;…;leaf count`, sorted byte-wise so the file is reproducible.
    func collapsedLines() -> [String] {
        var lines: [String] = []
        forEachCollapsedLine { lines.append(String(decoding: $0.dropLast(), as: UTF8.self)) }
        return lines
    }

    /// Hands each collapsed line (`root;…;leaf count\n`, as UTF-8) to `emit`, in byte-wise order, stacks
    /// whose lines coincide merged into one, as py-spy merges them by their joined text.
    ///
    /// No line exists before it is emitted: the stacks are ordered by comparing their labels as if joined, so a
    /// recording with many deep distinct stacks is written without holding its whole text (several times over)
    /// in memory. The buffer passed to `emit` is reused for the next line.
    func forEachCollapsedLine(_ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        let labels = frameLabels
        var stacks = stackList
        stacks.sort { JoinedLabels.compare($0.ids, $1.ids, labels: labels) < 0 }
        var line: [UInt8] = []
        var index = 0
        while index < stacks.count {
            var count = stacks[index].count
            var next = index + 1
            while next < stacks.count, JoinedLabels.compare(stacks[index].ids, stacks[next].ids, labels: labels) == 0 {
                count += stacks[next].count
                next += 1
            }
            line.removeAll(keepingCapacity: true)
            for (position, id) in stacks[index].ids.enumerated() {
                if position > 0 { line.append(UInt8(ascii: ";")) }
                line.append(contentsOf: labels[Int(id)])
            }
            line.append(UInt8(ascii: " "))
            line.append(contentsOf: String(count).utf8)
            line.append(UInt8(ascii: "\n"))
            line.withUnsafeBufferPointer(emit)
            index = next
        }
    }
}

/// Byte-wise comparison of two stacks' labels joined with `;`, without joining them.
enum JoinedLabels {
    /// Negative, zero or positive as `ids` `a`'s joined labels sort before, equal or after `b`'s. Equal leading
    /// ids are skipped at once; from the first that differs the joined bytes are compared one by one, since a
    /// label may be a prefix of another (`f (m.py:1)`, `f (m.py:10)`) and then the separator decides.
    static func compare(_ a: [UInt32], _ b: [UInt32], labels: [[UInt8]]) -> Int {
        var shared = 0
        while shared < a.count, shared < b.count, a[shared] == b[shared] { shared += 1 }
        var left = Bytes(ids: a[shared...], labels: labels)
        var right = Bytes(ids: b[shared...], labels: labels)
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case let (x?, y?): if x != y { return Int(x) - Int(y) }
            }
        }
    }

    /// The bytes of some labels joined with `;`, one at a time.
    private struct Bytes {
        let ids: ArraySlice<UInt32>
        let labels: [[UInt8]]
        var label: Int
        var offset = 0

        init(ids: ArraySlice<UInt32>, labels: [[UInt8]]) {
            self.ids = ids
            self.labels = labels
            label = ids.startIndex
        }

        mutating func next() -> UInt8? {
            guard label < ids.endIndex else { return nil }
            let text = labels[Int(ids[label])]
            if offset < text.count {
                offset += 1
                return text[offset - 1]
            }
            label += 1
            offset = 0
            return label < ids.endIndex ? UInt8(ascii: ";") : nil
        }
    }
}

/// The `raw` format: Brendan Gregg's collapsed stacks, one `root;…;leaf count` line per distinct stack,
/// ready for `flamegraph.pl`, inferno or speedscope's importer.
package struct CollapsedStacksWriter: ProfileWriter, Sendable {
    private var counts: CollapsedStackCounts

    package init(lineNumbers: LineNumbers = .current) {
        counts = CollapsedStackCounts(lineNumbers: lineNumbers)
    }

    package mutating func add(_ stacks: [ThreadStack], at time: Duration) {
        for stack in stacks { counts.add(stack) }
    }

    /// Sorted lines, each ending in a newline; empty when nothing was sampled.
    package func render() -> String {
        var text: [UInt8] = []
        counts.forEachCollapsedLine { text.append(contentsOf: $0) }
        return String(decoding: text, as: UTF8.self)
    }

    /// Streams the lines into the file rather than building its whole text first.
    package func write(to destination: OutputDestination) throws(OutputFileError) {
        try destination.write { emit in counts.forEachCollapsedLine(emit) }
    }

    /// How many distinct stacks are held: the writer's memory is proportional to this.
    package var distinctStackCount: Int { counts.distinctStackCount }
}

/// A stack of frame ids as a dictionary key, hashed as one block of bytes: for a deep stack that is several
/// times cheaper than hashing it id by id, and a busy thread's stack changes (and is counted) nearly every sample.
struct FrameIDStack: Hashable, Sendable {
    var ids: [UInt32]

    func hash(into hasher: inout Hasher) {
        ids.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
