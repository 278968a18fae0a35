import LiveTestSupport
import Foundation
import Testing

/// How `record -- program` starts its program: it must die with swiftspy even when swiftspy is SIGKILLed (no
/// chance to clean up), and under sudo it must run as the user who ran sudo, never as root.
@Suite("record: launching a program", .enabled(if: LiveEnvironment.enabled, "SWIFTSPY_SKIP_LIVE=1"))
struct RecordLaunchTests {
    /// sudo's variables for the unprivileged `nobody` account, which every Debian system has.
    static let sudoAsNobody = ["SUDO_UID": "65534", "SUDO_GID": "65534", "SUDO_USER": "nobody"]

    @Test("A launched program dies when swiftspy is SIGKILLed")
    func launchedProgramDiesWithSwiftspy() async throws {
        let interpreter = try #require(Interpreters.installed.last, "no interpreter installed")
        let (childPID, childState) = try await offloaded { () throws -> (Int32, Character?) in
            let scratch = try ScratchDirectory()
            defer { scratch.remove() }
            let reportPath = scratch.path("launched.json")
            let command = try SplitTarget.commandLine(interpreter, report: reportPath, options: ["--main", "sleep"])
            let swiftspy = try SwiftspyProcess(
                ["record", "-o", scratch.path("never.txt"), "-f", "raw", "--idle", "-r", "100", "--"] + command,
                in: scratch)
            defer { swiftspy.killIfRunning() }
            let report = try SplitTarget.Report.await(reportPath, while: { !swiftspy.hasExited }, timeout: .seconds(30))
            defer { ProcState.killIfTarget(report.pid) }
            try swiftspy.waitForStdout(containing: "Press Control-C to exit.", timeout: .seconds(30))
            swiftspy.send(SIGKILL)
            _ = try? swiftspy.wait(timeout: .seconds(10))
            return (report.pid, ProcState.waitUntilGone(report.pid, timeout: .seconds(2)))
        }
        #expect(
            childState == nil,
            "the launched program (pid \(childPID)) outlived a SIGKILLed swiftspy, in state \(childState.map(String.init) ?? "")"
        )
    }

    @Test("Under sudo the program runs as the invoking user, with that user's groups and home")
    func underSudoTheProgramRunsAsTheInvokingUser() async throws {
        let python = "/usr/bin/python3"
        try #require(FileManager.default.isExecutableFile(atPath: python), "no \(python)")
        let result = try await offloaded { () throws -> SwiftspyResult in
            let scratch = try ScratchDirectory()
            defer { scratch.remove() }
            let script =
                "import os, time; print('ids', os.getuid(), os.geteuid(), os.getgid(), os.getegid(), "
                + "sorted(os.getgroups()), os.environ.get('HOME'), os.environ.get('USER'), flush=True); time.sleep(0.5)"
            return try SwiftspyProcess.run(
                ["record", "-o", scratch.path("as-user.txt"), "-f", "raw", "-r", "50", "--", python, "-c", script],
                in: scratch, timeout: .seconds(30), extraEnvironment: Self.sudoAsNobody)
        }
        #expect(result.succeeded, "\(result.summary)")
        let line = result.stdout.split(separator: "\n").first { $0.hasPrefix("ids ") }
        #expect(line == "ids 65534 65534 65534 65534 [65534] /nonexistent nobody", "stdout: \(result.stdout)")
    }

    @Test("Under sudo, a program the invoking user may not execute is refused with one sentence")
    func underSudoAProgramTheUserCannotRunIsRefused() async throws {
        let result = try await offloaded { () throws -> SwiftspyResult in
            let scratch = try ScratchDirectory()
            defer { scratch.remove() }
            let script = scratch.path("root-only.sh")
            try "#!/bin/sh\nsleep 1\n".write(toFile: script, atomically: true, encoding: .utf8)
            chmod(script, 0o700)
            return try SwiftspyProcess.run(
                ["record", "-o", scratch.path("never.svg"), "--", script], in: scratch, timeout: .seconds(20),
                extraEnvironment: Self.sudoAsNobody)
        }
        #expect(result.exitedNormally && result.status == 1, "\(result.summary)")
        let lines = result.stderr.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }
        #expect(
            lines.count == 1 && lines[0].contains("as nobody (uid 65534)") && lines[0].contains("permission denied"),
            "stderr should be one sentence naming the user, got \(result.stderr.debugDescription)")
    }
}
