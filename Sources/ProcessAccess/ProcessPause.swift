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
            for tid in fresh {
                seen.insert(tid)
                let code = swiftspy_ptrace_seize_and_stop(tid)
                switch code {
                case 0:
                    lock.withLock { stopped.append(tid) }
                case ESRCH:
                    continue  // exited between listing and seizing
                case EPERM where !ProcFiles.exists("/proc/\(pid)/task/\(tid)"):
                    continue  // exiting thread
                case EPERM:
                    resume()
                    throw .permissionDenied(pid, detail: "ptrace refused")
                default:
                    resume()
                    throw .pauseFailed(pid, errno: code)
                }
            }
        }
        if threads == nil, lock.withLock({ stopped.isEmpty }) {
            throw ProcFiles.exists("/proc/\(pid)") ? .pauseFailed(pid, errno: ESRCH) : .processExited(pid)
        }
    }

    /// Lets every paused thread run again. Safe to call more than once.
    public func resume() {
        let threads = lock.withLock { () -> [ThreadID] in
            defer { stopped.removeAll() }
            return stopped
        }
        for tid in threads { _ = swiftspy_ptrace_detach(tid) }
    }

    deinit { resume() }
}
