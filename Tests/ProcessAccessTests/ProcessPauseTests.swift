import CLinuxShims
import Foundation
import LiveTestSupport
import Testing
@testable import ProcessAccess

/// The pause's waits against a real multi-threaded process: they always end, whatever the target does meanwhile.
@Suite(
    "ProcessPause never hangs", .enabled(if: LiveEnvironment.enabled, "SWIFTSPY_SKIP_LIVE=1"),
    .serialized)
struct ProcessPauseTests {
    /// Three spinning threads beside the main thread, which waits; "READY" once all are running.
    static let script = """
        import sys, threading, time
        def spin():
            x = 0
            while True:
                x += 1
        for _ in range(3):
            worker = threading.Thread(target=spin)
            worker.daemon = True
            worker.start()
        sys.stdout.write("READY\\n"); sys.stdout.flush()
        time.sleep(60)
        """

    /// The shape of the hang seen in the field (6 of 293 `record` runs whose target was SIGKILLed): the pause
    /// holds some threads stopped and is still waiting for the leader when the whole process is killed. The
    /// stopped threads die, but only their tracer can reap them, and until it does the leader's exit cannot be
    /// reported: a wait that only polls the leader never ends.
    @Test(arguments: Interpreters.installed)
    func waitingForTheLeaderEndsWhenTheProcessIsKilled(_ interpreter: Interpreter) async throws {
        let target = try BusyTarget(interpreter, script: Self.script)
        defer { target.kill() }
        let others = Set(try target.threadIDs()).subtracting([target.pid])
        try #require(others.count >= 3)

        let outcome = try await offloaded { () -> (seconds: Double, error: ProcessError?) in
            let pause = try ProcessPause(pid: target.pid, onlyThreads: others)
            let (asked, failure) = pause.requestStops([target.pid])
            #expect(failure == nil)
            Glibc.kill(target.pid, SIGKILL)
            usleep(50_000)
            let start = ContinuousClock.now
            let error = try awaitWithin(.seconds(5)) { pause.awaitStops(asked) }
            pause.resume()
            return ((ContinuousClock.now - start) / .seconds(1), error)
        }
        #expect(outcome.seconds < 1, "the wait took \(outcome.seconds) s")
        // The dead process must be reapable by its parent, not kept a zombie by its tracer (for good: the
        // defect). The bound allows a machine running every live suite at once, where the kernel once took
        // over 2 s to tear the killed process down.
        #expect(target.waitForExit(within: .seconds(10)), "the killed target could not be reaped")
    }

    /// A thread that never reports its stop (here: seized without an interrupt, as a thread in an
    /// uninterruptible wait would behave) makes the pause give up at its deadline with a clear error, and the
    /// thread is remembered so that a later pause can let go of it.
    @Test func aThreadThatNeverStopsEndsThePauseAtItsDeadline() async throws {
        let interpreter = try #require(Interpreters.installed.last, "no interpreter installed")
        let target = try BusyTarget(interpreter, script: Self.script)
        defer { target.kill() }
        let worker = try #require(Set(try target.threadIDs()).subtracting([target.pid]).first)
        #expect(swiftspy_ptrace_seize_only(worker) == 0)

        let error = try await offloaded { () -> ProcessError? in
            let pause = try ProcessPause(pid: target.pid, onlyThreads: [], stopDeadline: .milliseconds(100))
            return try awaitWithin(.seconds(5)) { pause.awaitStops([worker]) }
        }
        guard case .pauseTimedOut(let pid, let threads, _) = error else {
            Issue.record("expected a time-out, got \(String(describing: error))")
            return
        }
        #expect(pid == target.pid && threads == 1)
        #expect(UnfinishedStops.pending.contains(worker))

        // Once it is gone, the next pause's settling forgets it (and reaps it: only its tracer can).
        target.kill()
        let deadline = ContinuousClock.now.advanced(by: .seconds(5))
        while UnfinishedStops.pending.contains(worker), ContinuousClock.now < deadline {
            _ = UnfinishedStops.settle(claiming: [])
            usleep(10_000)
        }
        #expect(!UnfinishedStops.pending.contains(worker))
        #expect(target.waitForExit(within: .seconds(2)))
    }

    /// A thread held by another tracer (a debugger, strace) cannot be paused: the error names that tracer, from
    /// the thread's `TracerPid`, instead of a bare "ptrace refused".
    @Test func anotherTracerIsNamed() async throws {
        let interpreter = try #require(Interpreters.installed.last, "no interpreter installed")
        let target = try BusyTarget(interpreter, script: Self.script)
        defer { target.kill() }
        // A second process seizes the target's main thread (PTRACE_SEIZE = 0x4206) and holds it.
        let tracer = Process()
        tracer.executableURL = URL(fileURLWithPath: interpreter.executable)
        tracer.arguments = [
            "-c",
            """
            import ctypes, sys, time
            libc = ctypes.CDLL(None, use_errno=True)
            libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]
            if libc.ptrace(0x4206, \(target.pid), None, None) != 0:
                sys.stdout.write("FAILED %d\\n" % ctypes.get_errno()); sys.stdout.flush(); sys.exit(1)
            sys.stdout.write("HOLDING\\n"); sys.stdout.flush()
            time.sleep(60)
            """
        ]
        let output = Pipe()
        tracer.standardOutput = output
        try tracer.run()
        defer { if tracer.isRunning { Glibc.kill(tracer.processIdentifier, SIGKILL) } }
        let said = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        try #require(said.contains("HOLDING"), "the tracer could not seize the target: \(said)")

        do {
            let pause = try ProcessPause(pid: target.pid)
            pause.resume()
            Issue.record("paused a process another tracer holds")
        } catch {
            guard case .alreadyTraced(target.pid, tracer.processIdentifier, let name) = error else {
                Issue.record("expected alreadyTraced by \(tracer.processIdentifier), got \(error)")
                return
            }
            #expect(name != nil && !(name ?? "").isEmpty)
            #expect(error.description.contains("already being traced by process \(tracer.processIdentifier)"))
        }
    }
}

/// Runs `work` on its own thread and returns its result, or fails the test if it has not finished in `limit`
/// (the thread is then abandoned: the test process's exit releases whatever it held).
func awaitWithin<Value: Sendable>(_ limit: Duration, _ work: @escaping @Sendable () -> Value) throws -> Value {
    let box = ResultBox<Value>()
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        box.value = work()
        done.signal()
    }
    let nanoseconds = limit.components.seconds * 1_000_000_000 + limit.components.attoseconds / 1_000_000_000
    guard done.wait(timeout: .now() + .nanoseconds(Int(nanoseconds))) == .success, let value = box.value else {
        throw LiveTestError("still waiting after \(limit): the wait hangs")
    }
    return value
}

private final class ResultBox<Value>: @unchecked Sendable {
    var value: Value?
}

extension Interpreter: CustomTestStringConvertible {
    public var testDescription: String { label }
}

/// A Python process with busy threads.
struct BusyTarget {
    let process: Process
    var pid: ProcessID { process.processIdentifier }

    init(_ interpreter: Interpreter, script: String) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: interpreter.executable)
        process.arguments = ["-c", script]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let line = output.fileHandleForReading.availableData
        guard String(decoding: line, as: UTF8.self).contains("READY") else {
            throw LiveTestError("the busy target did not start")
        }
    }

    func threadIDs() throws -> [ThreadID] {
        try DirectoryListing.numericEntries("/proc/\(pid)/task", pid: pid)
    }

    func kill() {
        if process.isRunning { Glibc.kill(pid, SIGKILL) }
    }

    /// Whether the process could be reaped (Foundation's own reaper sees its exit) within `limit`.
    func waitForExit(within limit: Duration) -> Bool {
        let deadline = ContinuousClock.now.advanced(by: limit)
        while process.isRunning, ContinuousClock.now < deadline { usleep(10_000) }
        return !process.isRunning
    }
}
