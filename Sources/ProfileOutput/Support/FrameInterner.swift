import ProfileModel

/// Interns frames by what an output shows of them (`FrameKey`), with a fast path for frames seen before:
/// frames of the same code share one `FrameCode` object, so (that object, line) finds the id without hashing
/// any string. `FrameCode`s live as long as the process, so their identities are never reused.
struct FrameInterner: Sendable {
    private var keys = Interner<FrameKey>()
    private var fast: [CodeAndLine: UInt32] = [:]
    private var previousStacks: [ThreadKey: PreviousStack] = [:]
    /// The thread of the last stack and that stack, held outside `previousStacks`: one thread sampled again
    /// and again (the common case) then costs no hashing at all.
    private var lastThread: ThreadKey?
    private var lastStack = PreviousStack()

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
        if owner != lastThread {
            if let lastThread, previousStacks.count < 1 << 16 { previousStacks[lastThread] = lastStack }
            lastStack = previousStacks.removeValue(forKey: owner) ?? PreviousStack()
            lastThread = owner
        }
        var previous = PreviousStack()
        swap(&previous, &lastStack)
        defer { swap(&previous, &lastStack) }
        var position = 0
        for frame in stack.frames.reversed() {
            let code = ObjectIdentifier(frame.code)
            if position < previous.codes.count, previous.codes[position] == code,
                previous.lines[position] == frame.line
            {
                ids.append(previous.ids[position])
            } else {
                let id = self.id(for: frame, key: key)
                ids.append(id)
                if position < previous.codes.count {
                    previous.codes[position] = code
                    previous.lines[position] = frame.line
                    previous.ids[position] = id
                } else {
                    previous.codes.append(code)
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
    }

    var values: [FrameKey] { keys.values }
    var count: Int { keys.count }
    subscript(id: UInt32) -> FrameKey { keys[id] }
}

/// A code object by identity, with a line.
private struct CodeAndLine: Hashable, @unchecked Sendable {
    unowned(unsafe) let code: FrameCode
    let line: Int

    static func == (lhs: CodeAndLine, rhs: CodeAndLine) -> Bool { lhs.code === rhs.code && lhs.line == rhs.line }

    func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(code))
        hasher.combine(line)
    }
}

/// One thread's last stack, root first: each frame's code and line, and its id.
private struct PreviousStack {
    var codes: [ObjectIdentifier] = []
    var lines: [Int] = []
    var ids: [UInt32] = []
}
