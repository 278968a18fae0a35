import LiveTestSupport
import Testing

/// `swiftspy dump` (text) must have py-spy's layout: the `Process` and `Python v…` header, then one
/// `Thread <tid> (<status>): "<name>"` block per thread, oldest first, with `    name (short file:line)` frame
/// lines. The expected lines are built from CPython's own report and compared whole.
@Suite("dump text layout", .enabled(if: LiveEnvironment.enabled, "SWIFTSPY_SKIP_LIVE=1"))
struct DumpTextTests {
    @Test("Header, thread and frame lines follow py-spy's layout", arguments: Interpreters.installed)
    func textLayout(_ interpreter: Interpreter) async throws {
        let (report, commandLine, executable, result) = try await offloaded {
            let target = try ParkedTarget.launch(interpreter)
            defer { target.stop() }
            let executable = try target.executablePath()
            let result = try CommandRunner.swiftspy(["dump", "--pid", String(target.pid)])
            return (target.report, target.commandLine, executable, result)
        }
        try #require(result.exitedNormally && result.status == 0, "\(result.summary)")
        let text = try DumpText.parse(result.stdout)

        #expect(text.processLine == "Process \(report.pid): \(commandLine.joined(separator: " "))")
        #expect(text.pythonLine == "Python v\(report.pythonVersion) (\(executable))")

        let blocks = text.threads.filter { !$0.header.hasPrefix("Thread \(report.reporterNativeID) (") }
        let threadsByIdent = Dictionary(report.threads.map { ($0.ident, $0) }, uniquingKeysWith: { first, _ in first })
        let expected = report.startOrder.compactMap { threadsByIdent[$0] }
        try #require(
            blocks.count == expected.count,
            "\(blocks.count) thread blocks, expected \(expected.count):\n\(result.stdout)")

        for (block, thread) in zip(blocks, expected) {
            let tid = thread.nativeID.map(String.init) ?? "?"
            let named = "Thread \(tid) (idle): \"\(thread.name ?? "")\""
            // Oldest first, named on every version (py-spy names threads on 3.6+ only).
            #expect(block.header == named, "thread line \(block.header.debugDescription), expected \(named)")
            let lines = thread.frames.map { DumpText.frameLine(name: $0.name, filename: $0.filename, line: $0.line) }
            #expect(block.frameLines == lines, "frames of \(named)")
        }
        print("LiveInterpreterTests: checked dump text against \(interpreter.label) (Python \(report.pythonVersion))")
    }
}
