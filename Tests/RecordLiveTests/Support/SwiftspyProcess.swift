import LiveTestSupport
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How a finished `swiftspy` run ended.
struct SwiftspyResult: Sendable {
    let arguments: [String]
    let status: Int32
    /// False when swiftspy died of a signal (a crash, our timeout kill, or an unhandled stop signal).
    let exitedNormally: Bool
    let stdout: String
    let stderr: String
    /// From starting swiftspy to seeing it exit.
    let elapsed: Duration

    var succeeded: Bool { exitedNormally && status == 0 }

    /// For failure messages: the command line, how it ended, and what it printed.
    var summary: String {
        let how = exitedNormally ? "exit \(status)" : "signal \(status)"
        return "`swiftspy \(arguments.joined(separator: " "))` ended with \(how) after \(elapsed); "
            + "stdout: \(stdout.suffix(2000).debugDescription); stderr: \(stderr.suffix(2000).debugDescription)"
    }

    /// `Samples: N` from the `Wrote … Samples: N Errors: E` line, or nil when there is no such line.
    var samplesWritten: Int? { wroteLineNumbers?.samples }
    var errorsReported: Int? { wroteLineNumbers?.errors }

    private var wroteLineNumbers: (samples: Int, errors: Int)? {
        for line in stdout.split(separator: "\n") where line.hasPrefix("Wrote ") {
            guard let samples = line.range(of: "Samples: "), let errors = line.range(of: " Errors: ") else { continue }
            if let n = Int(line[samples.upperBound..<errors.lowerBound]), let e = Int(line[errors.upperBound...]) {
                return (n, e)
            }
        }
        return nil
    }
}

/// A running `swiftspy` (or a target the test starts itself), with stdout and stderr going to files (nothing can fill up and deadlock), that can be
/// signalled, waited for with a timeout, and is killed by `killIfRunning()` (call it in a `defer`).
///
/// Started with `posix_spawn` rather than Foundation's `Process`: the tests run on Dispatch worker threads, which
/// block SIGINT and SIGTERM, and a child inherits its parent thread's signal mask. `Process` passes that mask on,
/// so a swiftspy started with it could never receive the SIGINT/SIGTERM these tests send. Here the mask is emptied
/// and every signal reset to its default, as a shell would. A dedicated thread blocks in `waitpid` and reaps it.
final class SwiftspyProcess: @unchecked Sendable {
    let arguments: [String]
    let pid: Int32
    private let finished = DispatchSemaphore(value: 0)
    private let stdoutPath: String
    private let stderrPath: String
    private let started: ContinuousClock.Instant
    private let lock = NSLock()
    private var rawStatus: Int32?
    private var result: SwiftspyResult?

    /// Starts `swiftspy arguments…` (or another `executable`), writing its output to two files in `directory`,
    /// with `extraEnvironment` added to (or replacing entries of) this process's environment.
    init(
        _ arguments: [String], in directory: ScratchDirectory, executable: String? = nil,
        extraEnvironment: [String: String] = [:]
    ) throws {
        self.arguments = arguments
        let tag = UUID().uuidString.prefix(8)
        stdoutPath = directory.path("process-\(tag).stdout")
        stderrPath = directory.path("process-\(tag).stderr")
        let executable = try executable ?? LiveEnvironment.swiftspyBinary().path

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var environment = ProcessInfo.processInfo.environment
        environment.merge(extraEnvironment) { _, new in new }
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var childPID: pid_t = 0
        started = ContinuousClock.now
        let spawned = posix_spawn(&childPID, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw LiveTestError("posix_spawn \(executable) failed: errno \(spawned)") }
        pid = childPID
        let reaper = Thread { [self, childPID] in
            var status: Int32 = 0
            while waitpid(childPID, &status, 0) < 0 && errno == EINTR {}
            lock.withLock { rawStatus = status }
            finished.signal()
        }
        reaper.start()
    }

    /// Runs swiftspy to completion (bounded) and returns how it ended.
    static func run(
        _ arguments: [String], in directory: ScratchDirectory, timeout: Duration = .seconds(30),
        extraEnvironment: [String: String] = [:]
    ) throws -> SwiftspyResult {
        let running = try SwiftspyProcess(arguments, in: directory, extraEnvironment: extraEnvironment)
        defer { running.killIfRunning() }
        return try running.wait(timeout: timeout)
    }

    var hasExited: Bool { lock.withLock { rawStatus != nil } }

    /// What swiftspy has printed on stdout so far.
    var stdoutSoFar: String {
        String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: stdoutPath))) ?? Data(), as: UTF8.self)
    }

    /// Waits until stdout contains `text`, polling the file every 10 ms up to the deadline (the poll bounds a
    /// failure; it never paces a success). Throws if swiftspy exits or the deadline passes first.
    func waitForStdout(containing text: String, timeout: Duration) throws {
        let deadline = ContinuousClock.now + timeout
        while !stdoutSoFar.contains(text) {
            if hasExited {
                throw LiveTestError(
                    "swiftspy exited before printing \(text.debugDescription): \(try wait(timeout: .seconds(5)).summary)"
                )
            }
            guard ContinuousClock.now < deadline else {
                throw LiveTestError(
                    "swiftspy printed no \(text.debugDescription) within \(timeout); stdout: \(stdoutSoFar.debugDescription)"
                )
            }
            usleep(10_000)
        }
    }

    func send(_ signal: Int32) {
        if !hasExited { kill(pid, signal) }
    }

    /// Waits for swiftspy to exit; on timeout describes what it was stuck on, kills it and throws.
    func wait(timeout: Duration) throws -> SwiftspyResult {
        if let result { return result }
        let (seconds, attoseconds) = timeout.components
        let milliseconds = Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
        if finished.wait(timeout: .now() + .milliseconds(milliseconds)) == .timedOut {
            let stuck = Self.diagnose(pid)
            kill(pid, SIGKILL)
            finished.wait()
            throw LiveTestError(
                "`swiftspy \(arguments.joined(separator: " "))` ran longer than \(timeout) and was killed; \(stuck); "
                    + "stdout so far (stdout is block-buffered, lines may be missing): \(stdoutSoFar.debugDescription)")
        }
        let status = lock.withLock { rawStatus ?? 0 }
        let exited = status & 0x7f == 0
        let done = SwiftspyResult(
            arguments: arguments, status: exited ? (status >> 8) & 0xff : status & 0x7f, exitedNormally: exited,
            stdout: stdoutSoFar,
            stderr: String(
                decoding: (try? Data(contentsOf: URL(fileURLWithPath: stderrPath))) ?? Data(), as: UTF8.self),
            elapsed: ContinuousClock.now - started)
        result = done
        return done
    }

    func killIfRunning() {
        guard result == nil, !hasExited else { return }
        kill(pid, SIGKILL)
        finished.wait()
    }

    /// For a hang: swiftspy's current system call, and every thread on the machine that swiftspy still traces
    /// (a thread left in a ptrace stop, e.g. at exit, keeps its process from ever being reaped).
    static func diagnose(_ pid: Int32) -> String {
        let syscall =
            (try? String(contentsOfFile: "/proc/\(pid)/syscall", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
        var traced: [String] = []
        let processes = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for process in processes where Int32(process) != nil {
            let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(process)/task")) ?? []
            for task in tasks {
                guard let status = try? String(contentsOfFile: "/proc/\(process)/task/\(task)/status", encoding: .utf8),
                    status.contains("TracerPid:\t\(pid)\n")
                else { continue }
                let state =
                    status.split(separator: "\n").first { $0.hasPrefix("State:") }?.dropFirst(6)
                    .trimmingCharacters(in: .whitespaces) ?? "?"
                traced.append("tid \(task) of pid \(process) (\(state))")
            }
        }
        return "its system call was `\(syscall)` (/proc/\(pid)/syscall), threads it still traced: "
            + (traced.isEmpty ? "none" : traced.joined(separator: ", "))
    }
}
