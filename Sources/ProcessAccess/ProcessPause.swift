import CLinuxShims
#if canImport(Glibc)
import Glibc
#endif

/// Stops threads of a process with ptrace (`PTRACE_SEIZE` + `PTRACE_INTERRUPT`, which does not race with the
/// target's own signals as `PTRACE_ATTACH`'s SIGSTOP does), so that one sample is a consistent snapshot.
///
/// The pause always ends: `resume()` detaches every thread, `deinit` calls it too, and if swiftspy itself dies
/// the kernel detaches its tracees and they run on. Nothing is ever written into the target.
public final class ProcessPause: @unchecked Sendable {
    public let pid: ProcessID
    private var stopped: [ThreadID] = []
    private let lock = Mutex()

    /// Pauses every thread, including threads that start while we are pausing (repeats until a pass over
    /// `/proc/PID/task` finds nothing new). Threads that exit meanwhile are skipped.
    public convenience init(pid: ProcessID) throws(ProcessError) {
        try self.init(pid: pid, onlyThreads: nil)
    }

    /// Pauses only `threads` when given: the sampler passes the threads that are running. A sleeping thread
    /// cannot change its Python stack until it wakes, and interrupting it would wake it — leaving it runnable,
    /// and so wrongly "active", at the next sample (py-spy's sleeping threads that leak into profiles), and
    /// costing a ptrace round trip per thread per sample. With no running thread nothing is paused at all.
    public init(pid: ProcessID, onlyThreads threads: Set<ThreadID>?) throws(ProcessError) {
        self.pid = pid
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

    /// Stops `tids`: every one is asked to stop before any is waited for, so that their stops (each needing the
    /// thread to be scheduled, a fraction of a millisecond on a busy machine) overlap instead of queueing.
    /// Threads that exit meanwhile are skipped. On failure, the threads already asked are still waited for
    /// (so that `resume()` can detach them) and the first error is returned.
    ///
    /// The waits poll every asked thread in turn rather than block on one: if the process exits meanwhile, its
    /// leader's exit is only reported once the other traced threads are reaped, so blocking on the leader
    /// first would hang (seen in CI as a `record` that never ended after its target exited).
    private func stop(_ tids: [ThreadID]) -> ProcessError? {
        var failure: ProcessError?
        var interrupted: [ThreadID] = []
        for tid in tids {
            let code = swiftspy_ptrace_seize_and_interrupt(tid)
            if code == 0 {
                interrupted.append(tid)
            } else if let error = error(for: code, tid: tid) {
                failure = error
                break
            }
        }
        var pending = interrupted
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
            if pending.count == before { Self.pauseBriefly() }
        }
        return failure
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
            return .permissionDenied(pid, detail: "ptrace refused")
        default:
            return .pauseFailed(pid, errno: code)
        }
    }

    /// Lets every paused thread run again. Safe to call more than once.
    public func resume() {
        let threads = lock.withLock { () -> [ThreadID] in
            defer { stopped.removeAll() }
            return stopped
        }
        for tid in threads { _ = swiftspy_ptrace_release(tid) }
    }

    deinit { resume() }
}
