import Testing
@testable import Sampling
import ProcessAccess
import Foundation
#if canImport(Glibc)
import Glibc
#endif

@Suite struct SampleTimerTests {
    /// Intervals are exponential with mean 1/rate: check mean and spread over many draws of a fixed seed.
    @Test func intervalsAreExponentialWithTheRequestedMean() {
        var timer = SampleTimer(rate: 250, seed: 42)
        let draws = (0..<200_000).map { _ in timer.nextInterval() }
        let mean = draws.reduce(0, +) / Double(draws.count)
        #expect(abs(mean - 1.0 / 250) < 0.02 / 250)
        // For an exponential distribution the standard deviation equals the mean.
        let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws.count)
        #expect(abs(variance.squareRoot() - mean) < 0.03 * mean)
        // P(X > mean) = e^-1 ≈ 0.368: a fixed period would give 0 or 1.
        let above = Double(draws.filter { $0 > mean }.count) / Double(draws.count)
        #expect(abs(above - 0.3679) < 0.01)
        #expect(draws.allSatisfy { $0 > 0 && $0.isFinite })
    }

    @Test func waitingReturnsOnScheduleAndStopsWhenInterrupted() {
        var timer = SampleTimer(rate: 1000, seed: 1)
        var ticks = 0
        while timer.elapsed < 0.05 {
            if timer.waitForNextTick(interrupted: { false }) != nil { ticks += 1 }
        }
        // About 50 ticks in 50 ms at 1 kHz; a Poisson count this size stays well inside 20…100.
        #expect(ticks > 20 && ticks < 100)
        var slow = SampleTimer(rate: 0.001, seed: 2)
        #expect(slow.waitForNextTick(interrupted: { true }) == nil)
    }
}

@Suite struct ChildProcessTests {
    @Test func launchesAndAlwaysKillsTheChild() throws {
        let child = try ChildProcess(arguments: ["sleep", "30"])
        #expect(child.isRunning)
        #expect(ProcessLiveness.isAlive(child.pid))
        child.terminate()
        #expect(!child.isRunning)
        #expect(!ProcessLiveness.isAlive(child.pid))
    }

    @Test func capturesOutputAndReportsExit() throws {
        let child = try ChildProcess(arguments: ["sh", "-c", "echo hello; echo oops >&2"], captureOutput: true)
        while child.isRunning {}
        #expect(child.capturedOutput() == "hello\noops\n")
    }

    @Test func explainsAProgramThatCannotStart() {
        #expect(throws: ChildProcess.LaunchError.self) { try ChildProcess(arguments: ["/nonexistent/python"]) }
        #expect(throws: ChildProcess.LaunchError.emptyCommand) { try ChildProcess(arguments: []) }
        let message = ChildProcess.LaunchError.spawnFailed(program: "/x", errno: 2).description
        #expect(message.contains("Could not start '/x'") && message.contains("No such file"))
    }
}

@Suite struct ChildProcessUserTests {
    /// The unprivileged account every Debian system has; tests run as root, so switching to it is allowed.
    static let nobody = InvokingUser(uid: 65534, gid: 65534, name: "nobody")

    @Test func runsAsTheGivenUserWithItsGroupsAndHome() throws {
        try #require(geteuid() == 0, "switching users needs root")
        let child = try ChildProcess(
            arguments: ["sh", "-c", "id -u; id -g; id -G; echo $HOME $USER $LOGNAME"],
            captureOutput: true, as: Self.nobody)
        while child.isRunning { usleep(1_000) }
        #expect(child.capturedOutput() == "65534\n65534\n65534\n/nonexistent nobody nobody\n")
    }

    @Test func withoutAUserTheProgramRunsAsSwiftspy() throws {
        let child = try ChildProcess(arguments: ["sh", "-c", "id -u"], captureOutput: true, as: nil)
        while child.isRunning { usleep(1_000) }
        #expect(child.capturedOutput() == "\(geteuid())\n")
    }

    @Test func aProgramTheUserCannotExecuteIsExplained() throws {
        try #require(geteuid() == 0, "switching users needs root")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("swiftspy-root-only-\(getpid()).sh")
            .path
        try "#!/bin/sh\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { unlink(path) }
        chmod(path, 0o700)
        do {
            _ = try ChildProcess(arguments: [path], as: Self.nobody)
            Issue.record("a root-only program was started as nobody")
        } catch {
            #expect(
                error.description.contains("as nobody (uid 65534), the user who ran sudo: permission denied"),
                "\(error.description)")
        }
    }
}

@Suite struct AttachTests {
    /// `record -- sleep 1`: the program is not Python, and stays so until it exits; that is what is reported.
    @Test func aLaunchedProgramThatIsNotPythonIsSaidToBeSo() throws {
        let child = try ChildProcess(arguments: ["sleep", "0.3"], as: nil)
        do {
            _ = try Attach.withRetries(pid: child.pid, timeout: 10)
            Issue.record("attached to sleep")
        } catch {
            guard case .notPython(child.pid, let executable) = error else {
                Issue.record("expected notPython, got \(error)")
                return
            }
            #expect(executable.hasSuffix("sleep"))
        }
    }
}

@Suite struct InterpreterNameTests {
    /// A launched interpreter that exits before its libpython is mapped exited; only another program is "not
    /// Python" (a 2.7 target caught that way on a loaded machine was told it was not Python).
    @Test func interpreterNamesAreKnownFromOtherPrograms() {
        for path in [
            "/usr/bin/python3", "/root/.pyenv/versions/2.7.18/bin/python2.7", "python", "/x/python3.13t",
            "/usr/bin/python3.11", "/opt/python3.6m", "/usr/bin/python3.12d"
        ] {
            #expect(Attach.namesAnInterpreter(path), "\(path)")
        }
        for path in [
            "/usr/bin/sleep", "/usr/bin/env", "/bin/sh", "/usr/bin/python-config", "/srv/pythonista",
            "/usr/bin/uwsgi", "/opt/mypython3"
        ] {
            #expect(!Attach.namesAnInterpreter(path), "\(path)")
        }
    }
}
