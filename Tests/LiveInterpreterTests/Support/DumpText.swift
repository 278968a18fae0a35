import LiveTestSupport
/// `swiftspy dump` text output split into its parts (py-spy's layout, reference §3.1):
///
///     Process <pid>: <command line>
///     Python v<version> (<executable>)
///
///     Thread <tid> (<status>): "<name>"
///         <function> (<short file>:<line>)
///
/// Parsing only splits lines; the tests build the lines they expect and compare them whole.
struct DumpText: Sendable {
    struct ThreadBlock: Sendable {
        /// The `Thread …` line.
        let header: String
        /// The indented frame lines under it, innermost first.
        let frameLines: [String]
    }

    let processLine: String
    let pythonLine: String
    let threads: [ThreadBlock]

    static func parse(_ text: String) throws -> DumpText {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last == "" { lines.removeLast() }
        guard lines.count >= 3 else { throw LiveTestError("dump printed fewer than 3 lines: \(text.debugDescription)") }
        guard lines[2].isEmpty else {
            throw LiveTestError("the third line of dump should be empty, got \(lines[2].debugDescription)")
        }
        var blocks: [ThreadBlock] = []
        var header: String?
        var frames: [String] = []
        for line in lines[3...] {
            if line.hasPrefix("Thread ") {
                if let header { blocks.append(ThreadBlock(header: header, frameLines: frames)) }
                header = line
                frames = []
            } else if line.hasPrefix("    "), header != nil {
                frames.append(line)
            } else {
                throw LiveTestError("unexpected line in dump: \(line.debugDescription)")
            }
        }
        if let header { blocks.append(ThreadBlock(header: header, frameLines: frames)) }
        return DumpText(processLine: lines[0], pythonLine: lines[1], threads: blocks)
    }

    /// The frame line py-spy prints: `    name (file:line)`, or `    name (file)` when the line is unknown (0).
    static func frameLine(name: String, filename: String, line: Int) -> String {
        let file = ShortFilename.of(filename)
        return line == 0 ? "    \(name) (\(file))" : "    \(name) (\(file):\(line))"
    }
}
