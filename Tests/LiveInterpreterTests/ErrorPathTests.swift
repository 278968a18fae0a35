import LiveTestSupport
import Foundation
import Testing

/// Failures must end cleanly: exit 1 (py-spy's runtime-error status) or 2 (usage), one `Error: …` sentence on
/// stderr, and never a Swift trap or backtrace.
@Suite("dump error paths", .enabled(if: LiveEnvironment.enabled, "SWIFTSPY_SKIP_LIVE=1"))
struct ErrorPathTests {
    @Test("A pid that does not exist")
    func missingProcess() async throws {
        let result = try await offloaded { () throws -> CommandResult in
            try CommandRunner.swiftspy(["dump", "--pid", String(try Self.freePID())])
        }
        expectCleanFailure(result, status: 1)
    }

    @Test("record names a pid that does not exist as such")
    func missingProcessForRecord() async throws {
        let result = try await offloaded { () throws -> CommandResult in
            let pid = String(try Self.freePID())
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("swiftspy-gone-\(pid).svg").path
            return try CommandRunner.swiftspy(["record", "--pid", pid, "-o", output])
        }
        expectCleanFailure(result, status: 1)
        #expect(result.stderr.contains("No process with pid"), "\(result.summary)")
    }

    /// The pid of a child that has exited and been reaped: free, since pids are only reused after wrapping.
    static func freePID() throws -> Int32 {
        let done = Process()
        done.executableURL = URL(fileURLWithPath: "/bin/sh")
        done.arguments = ["-c", "exit 0"]
        try done.run()
        done.waitUntilExit()
        let pid = done.processIdentifier
        guard !FileManager.default.fileExists(atPath: "/proc/\(pid)") else {
            throw LiveTestError("pid \(pid) was reused at once; rerun")
        }
        return pid
    }

    @Test("A process that is not Python")
    func notPython() async throws {
        let result = try await offloaded { () throws -> CommandResult in
            let sleeper = Process()
            sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
            sleeper.arguments = ["100"]
            try sleeper.run()
            defer {
                kill(sleeper.processIdentifier, SIGKILL)
                sleeper.waitUntilExit()
            }
            return try CommandRunner.swiftspy(["dump", "--pid", String(sleeper.processIdentifier)])
        }
        expectCleanFailure(result, status: 1)
    }

    @Test("A Python process that has already exited (a zombie)")
    func exitedPython() async throws {
        let python = try #require(Interpreters.installed.first, "no interpreter installed").executable
        let result = try await offloaded { () throws -> CommandResult in
            let child = try ExitedChild.spawn(python, ["-c", "pass"])
            defer { child.reap() }
            return try CommandRunner.swiftspy(["dump", "--pid", String(child.pid)])
        }
        expectCleanFailure(result, status: 1)
    }

    /// Not deterministic by design: swiftspy may catch the interpreter starting, running or exiting. Any outcome
    /// is fine except a crash, a hang, or an unclear error.
    @Test("A Python process that exits right after it starts, dumped at once")
    func racingPython() async throws {
        let python = try #require(Interpreters.installed.first, "no interpreter installed").executable
        let result = try await offloaded { () throws -> CommandResult in
            let quick = Process()
            quick.executableURL = URL(fileURLWithPath: python)
            quick.arguments = ["-c", "pass"]
            quick.standardOutput = FileHandle.nullDevice
            quick.standardError = FileHandle.nullDevice
            try quick.run()
            defer { quick.waitUntilExit() }
            return try CommandRunner.swiftspy(["dump", "--pid", String(quick.processIdentifier)])
        }
        if result.exitedNormally && result.status == 0 { return }
        // The header may already be out when the process vanishes, so stdout is not checked here.
        expectCleanFailure(result, status: 1, stdoutMayHaveOutput: true)
    }

    @Test("A pid that is not a number is a usage error")
    func malformedPID() async throws {
        let result = try await offloaded { try CommandRunner.swiftspy(["dump", "--pid", "abc"]) }
        #expect(result.exitedNormally && result.status == 2, "\(result.summary)")
        expectNoCrash(result)
        // ArgumentParser follows its one-sentence error with usage lines; the sentence must come first.
        let first = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix("Error: ") && first.contains("abc"), "first stderr line: \(first.debugDescription)")
    }

    private func expectCleanFailure(
        _ result: CommandResult, status: Int32, stdoutMayHaveOutput: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(
            result.exitedNormally && result.status == status, "\(result.summary)", sourceLocation: sourceLocation)
        expectNoCrash(result, sourceLocation: sourceLocation)
        let lines = result.stderr.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }
        #expect(
            lines.count == 1 && lines[0].hasPrefix("Error: "),
            "stderr should be one `Error: …` sentence, got \(result.stderr.debugDescription)",
            sourceLocation: sourceLocation)
        #expect(
            stdoutMayHaveOutput || result.stdout.isEmpty, "nothing on stdout, got \(result.stdout.debugDescription)",
            sourceLocation: sourceLocation)
    }

    private func expectNoCrash(_ result: CommandResult, sourceLocation: SourceLocation = #_sourceLocation) {
        let markers = ["Fatal error", "Backtrace", "Stack dump", "Crash", "💣", "Current stack trace"]
        let found = markers.filter { result.stderr.contains($0) }
        #expect(
            found.isEmpty, "crash output on stderr: \(result.stderr.debugDescription)", sourceLocation: sourceLocation)
    }
}
