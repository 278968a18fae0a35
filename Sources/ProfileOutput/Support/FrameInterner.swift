import ProfileModel

/// Interns frames by what an output shows of them (`FrameKey`), with a fast path for frames seen before:
/// frames of the same code share one `FrameCode` object, so (that object, line) finds the id without hashing
/// any string. The fast map holds the `FrameCode`s it has seen, so their identities cannot be reused.
struct FrameInterner: Sendable {
    private var keys = Interner<FrameKey>()
    private var fast: [CodeAndLine: UInt32] = [:]
    private var previousStacks: [ThreadKey: PreviousStack] = [:]

    /// The id of `frame`, whose output key is `key(frame)` (computed only on the first sight of this code and
    /// line).
    mutating func id(for frame: Frame, key: (Frame) -> FrameKey) -> UInt32 {
        let fastKey = CodeAndLine(code: frame.code, line: frame.line)
        if let id = fast[fastKey] { return id }
        let id = keys.id(for: key(frame))
        if fast.count < 1 << 20 { fast[fastKey] = id }
        return id
    }

    /// The ids of `stack`'s frames, root first, into `ids` (replacing what it held). Frames equal (same code
    /// object, same line) to the same position of this thread's previous stack reuse its ids without any
    /// hashing: consecutive samples of a thread mostly share their outer frames, so a deep stack costs one
    /// lookup per sample instead of one per frame.
    mutating func rootFirstIDs(of stack: ThreadStack, into ids: inout [UInt32], key: (Frame) -> FrameKey) {
        ids.removeAll(keepingCapacity: true)
        let owner = ThreadKey(stack)
        var previous = previousStacks.removeValue(forKey: owner) ?? PreviousStack()
        var position = 0
        for frame in stack.frames.reversed() {
            if position < previous.codes.count, previous.codes[position] === frame.code,
               previous.lines[position] == frame.line
            {
                ids.append(previous.ids[position])
            } else {
                let id = self.id(for: frame, key: key)
                ids.append(id)
                if position < previous.codes.count {
                    previous.codes[position] = frame.code
                    previous.lines[position] = frame.line
                    previous.ids[position] = id
                } else {
                    previous.codes.append(frame.code)
                    previous.lines.append(frame.line)
                    previous.ids.append(id)
                }
            }
            position += 1
        }
        if position < previous.codes.count {
            previous.codes.removeLast(previous.codes.count - position)
            previous.lines.removeLast(previous.lines.count - position)
            previous.ids.removeLast(previous.ids.count - position)
        }
        if previousStacks.count < 1 << 16 { previousStacks[owner] = previous }
    }

    var values: [FrameKey] { keys.values }
    var count: Int { keys.count }
    subscript(id: UInt32) -> FrameKey { keys[id] }
}

/// A code object by identity, with a line.
private struct CodeAndLine: Hashable, @unchecked Sendable {
    let code: FrameCode
    let line: Int

    static func == (lhs: CodeAndLine, rhs: CodeAndLine) -> Bool { lhs.code === rhs.code && lhs.line == rhs.line }

    func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(code))
        hasher.combine(line)
    }
}

/// One thread's last stack, root first: each frame's code and line, and its id.
private struct PreviousStack {
    var codes: [FrameCode] = []
    var lines: [Int] = []
    var ids: [UInt32] = []
}
