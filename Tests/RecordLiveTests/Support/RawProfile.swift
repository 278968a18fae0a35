import LiveTestSupport
/// A `raw` (collapsed stacks) file: one `root;…;leaf count` line per distinct stack (reference §2.2).
struct RawProfile: Sendable {
    struct Stack: Sendable {
        /// Frame labels, root first.
        let frames: [String]
        let count: Int
    }

    let stacks: [Stack]

    var total: Int { stacks.reduce(0) { $0 + $1.count } }

    /// Parses strictly: every line must be `labels count` with a positive count, and no stack may repeat.
    static func parse(_ text: String) throws -> RawProfile {
        var stacks: [Stack] = []
        var seen = Set<String>()
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { continue }
            guard let space = line.lastIndex(of: " "), let count = Int(line[line.index(after: space)...]), count > 0
            else { throw LiveTestError("raw line is not `stack count`: \(line.debugDescription)") }
            let joined = String(line[..<space])
            guard !joined.isEmpty else { throw LiveTestError("raw line has no frames: \(line.debugDescription)") }
            guard seen.insert(joined).inserted else { throw LiveTestError("raw stack listed twice: \(joined)") }
            stacks.append(
                Stack(
                    frames: joined.split(separator: ";", omittingEmptySubsequences: false).map(String.init),
                    count: count))
        }
        guard text.isEmpty || text.hasSuffix("\n") else { throw LiveTestError("raw file does not end with a newline") }
        return RawProfile(stacks: stacks)
    }

    /// Samples whose stack has a frame named `function`.
    func samples(in function: String) -> Int {
        stacks.filter { $0.frames.contains { FrameLabel($0).name == function } }.reduce(0) { $0 + $1.count }
    }

    /// Every label of a frame named `function`, with how many samples it has.
    func labels(of function: String) -> [String: Int] {
        var result: [String: Int] = [:]
        for stack in stacks {
            for frame in stack.frames where FrameLabel(frame).name == function {
                result[frame, default: 0] += stack.count
            }
        }
        return result
    }

    var allLabels: Set<String> { Set(stacks.flatMap(\.frames)) }

    /// A short excerpt for failure messages.
    var excerpt: String {
        stacks.sorted { $0.count > $1.count }.prefix(12).map { "\($0.frames.joined(separator: ";")) \($0.count)" }
            .joined(separator: "\n")
    }
}

/// One frame label: `name (file:line)`, `name (file)`, or a bare `name` (py-spy's `Frame` label, §2.1).
/// Thread roots (`thread (<tid>): <name>`) parse as bare names; `ThreadRoot` reads them.
struct FrameLabel: Sendable, Equatable {
    let name: String
    let file: String?
    let line: Int?

    init(_ label: String) {
        guard label.hasSuffix(")"), !label.hasPrefix("thread ("), let open = label.range(of: " (", options: .backwards)
        else {
            (name, file, line) = (label, nil, nil)
            return
        }
        name = String(label[..<open.lowerBound])
        let inside = label[open.upperBound..<label.index(before: label.endIndex)]
        if let colon = inside.lastIndex(of: ":"), let number = Int(inside[inside.index(after: colon)...]) {
            file = String(inside[..<colon])
            line = number
        } else {
            file = String(inside)
            line = nil
        }
    }
}

/// A `--threads` root frame: `thread (<tid>)` or `thread (<tid>): <name>`.
struct ThreadRoot: Sendable, Equatable {
    let tid: String
    let name: String?

    init?(_ label: String) {
        guard label.hasPrefix("thread ("), let close = label.firstIndex(of: ")") else { return nil }
        tid = String(label[label.index(label.startIndex, offsetBy: 8)..<close])
        let rest = label[label.index(after: close)...]
        if rest.isEmpty {
            name = nil
        } else if rest.hasPrefix(": ") {
            name = String(rest.dropFirst(2))
        } else {
            return nil
        }
    }
}
