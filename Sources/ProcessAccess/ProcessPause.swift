import CLinuxShims
#if canImport(Glibc)
import Glibc
#endif

/// Stops threads of a process with ptrace (`PTRACE_SEIZE` + `PTRACE_INTERRUPT`, which does not race with the
/// target's own signals as `PTRACE_ATTACH`'s SIGSTOP does), so that one sample is a consistent snapshot.
///
/// The pause always ends, and never waits without a deadline: `resume()` detaches every thread, `deinit` calls
/// it too, a thread that does not report its stop in time is handed to `UnfinishedStops` (detached as soon as
/// it does stop), and if swiftspy itself dies the kernel detaches its tracees and they run on. Nothing is ever
/// written into the target.
package final class ProcessPause: @unchecked Sendable {
    package let pid: ProcessID
    private var stopped: [ThreadID] = []
    private let lock = Mutex()
    private let stopDeadline: Duration

    /// How long a pause waits for its threads to stop. A running thread stops within microseconds (a loaded
    /// machine: a few milliseconds); the bound only matters for a thread stuck in an uninterruptible wait, and it
    /// keeps a sampler that is told to stop (SIGINT, SIGTERM) responsive.
    package static let defaultStopDeadline: Duration = .milliseconds(500)

    /// Pauses every thread, including threads that start while we are pausing (repeats until a pass over
    /// `/proc/PID/task` finds nothing new). Threads that exit meanwhile are skipped.
    package convenience init(pid: ProcessID) throws(ProcessError) {
        try self.init(pid: pid, onlyThreads: nil)
    }

    /// Pauses only `threads` when given: the sampler passes the threads that are running. A sleeping thread
    /// cannot change its Python stack until it wakes, and interrupting it would wake it — leaving it runnable,
    /// and so wrongly "active", at the next sample (py-spy's sleeping threads that leak into profiles), and
    /// costing a ptrace round trip per thread per sample. With no running thread nothing is paused at all.
    package init(
        pid: ProcessID, onlyThreads threads: Set<ThreadID>?,
        stopDeadline: Duration = ProcessPause.defaultStopDeadline
    ) throws(ProcessError) {
        self.pid = pid
        self.stopDeadline = stopDeadline
        var seen = Set<ThreadID>()
        while true {
            let tids: [ThreadID]
            if let threads {
                tids = seen.isEmpty ? threads.sorted() : []
            } else {
                do { tids = try DirectoryListing.numericEntries("/proc/\(pid)/task", pid: pid) } catch {
                    resume()
                    throw error
                }
            }
            let fresh = tids.filter { !seen.contains($0) }
            if fresh.isEmpty { break }
            seen.formUnion(fresh)
            if let failure = stop(fresh) {
                resume()
                throw failure
            }
        }
        if threads == nil, lock.withLock({ stopped.isEmpty }) {
            throw ProcFiles.exists("/proc/\(pid)") ? .pauseFailed(pid, errno: ESRCH) : .processExited(pid)
        }
    }

    /// Stops `tids` and waits for them; nil on success, else the first error (threads that exit meanwhile are
    /// skipped, not errors).
    func stop(_ tids: [ThreadID]) -> ProcessError? {
        let (asked, failure) = requestStops(tids)
        return awaitStops(asked) ?? failure
    }

    /// Asks every one of `tids` to stop, without waiting, so that their stops (each needing the thread to be
    /// scheduled, a fraction of a millisecond on a busy machine) overlap instead of queueing. Returns the
    /// threads asked, and the error that ended the asking early, if any. A thread an earlier pause asked and
    /// never saw stop is already asked: it is waited for again rather than seized twice.
    func requestStops(_ tids: [ThreadID]) -> (asked: [ThreadID], failure: ProcessError?) {
        var asked = UnfinishedStops.settle(claiming: Set(tids))
        let alreadyAsked = Set(asked)
        for tid in tids where !alreadyAsked.contains(tid) {
            let code = swiftspy_ptrace_seize_and_interrupt(tid)
            if code == 0 {
                asked.append(tid)
            } else if let error = error(for: code, tid: tid) {
                return (asked, error)
            }
        }
        return (asked, nil)
    }

    /// Waits until every thread in `asked` has stopped or exited, for at most the stop deadline.
    ///
    /// The waits poll every asked thread in turn rather than block on one: if the process exits meanwhile, its
    /// leader's exit is only reported once the other traced threads are reaped (`kernel/exit.c`,
    /// `delay_group_leader`), so blocking on the leader first would hang. For the same reason, while it waits,
    /// the threads this pause already holds are checked for death and reaped: a thread killed while stopped
    /// (the whole process SIGKILLed) is otherwise only reaped at `resume()`, and the leader we wait for could
    /// never report. Threads still not stopped at the deadline go to `UnfinishedStops`.
    func awaitStops(_ asked: [ThreadID]) -> ProcessError? {
        var failure: ProcessError?
        var pending = asked
        let deadline = ContinuousClock.now.advanced(by: stopDeadline)
        var idlePasses = 0
        while !pending.isEmpty {
            let before = pending.count
            pending.removeAll { tid in
                let code = swiftspy_ptrace_poll_stop(tid)
                if code == EAGAIN { return false }
                if code == 0 {
                    lock.withLock { stopped.append(tid) }
                } else if failure == nil {
                    failure = error(for: code, tid: tid)
                }
                return true
            }
            guard pending.count == before else { continue }
            idlePasses += 1
            if idlePasses % 8 == 0 {
                reapDeadStoppedThreads()
                if ContinuousClock.now >= deadline {
                    UnfinishedStops.add(pending)
                    return failure ?? .pauseTimedOut(pid, threads: pending.count, after: stopDeadline)
                }
            }
            Self.pauseBriefly()
        }
        return failure
    }

    /// Reaps the threads this pause holds that died while stopped (see `awaitStops`).
    private func reapDeadStoppedThreads() {
        lock.withLock { stopped.removeAll { swiftspy_ptrace_reap_if_exited($0) == 1 } }
    }

    /// Waits a few microseconds for threads to reach their stop: long enough not to spin, far shorter than a stop.
    private static func pauseBriefly() {
        var interval = timespec(tv_sec: 0, tv_nsec: 20_000)
        nanosleep(&interval, nil)
    }

    /// What a failed seize or wait means: nil when the thread just exited (it is skipped), else the error.
    private func error(for code: Int32, tid: ThreadID) -> ProcessError? {
        switch code {
        case ESRCH:
            return nil  // exited between listing and seizing
        case EPERM where !ProcFiles.exists("/proc/\(pid)/task/\(tid)"):
            return nil  // exiting thread
        case EPERM:
            return PtraceRefusal.error(pid: pid, tid: tid)
        default:
            return .pauseFailed(pid, errno: code)
        }
    }

    /// Lets every paused thread run again. Safe to call more than once.
    package func resume() {
        let threads = lock.withLock { () -> [ThreadID] in
            defer { stopped.removeAll() }
            return stopped
        }
        for tid in threads { _ = swiftspy_ptrace_release(tid) }
    }

    deinit { resume() }
}
