import ProfileModel

/// Interns frames by what an output shows of them (`FrameKey`), with a fast path for frames seen before:
/// frames of the same code share one `FrameCode` object, so (that object, line) finds the id without hashing
/// any string. The fast map holds the `FrameCode`s it has seen, so their identities cannot be reused.
struct FrameInterner: Sendable {
    private var keys = Interner<FrameKey>()
    private var fast: [CodeAndLine: UInt32] = [:]

    /// The id of `frame`, whose output key is `key(frame)` (computed only on the first sight of this code and
    /// line).
    mutating func id(for frame: Frame, key: (Frame) -> FrameKey) -> UInt32 {
        let fastKey = CodeAndLine(code: frame.code, line: frame.line)
        if let id = fast[fastKey] { return id }
        let id = keys.id(for: key(frame))
        if fast.count < 1 << 20 { fast[fastKey] = id }
        return id
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
