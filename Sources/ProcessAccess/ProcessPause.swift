import CLinuxShims
#if canImport(Glibc)
import Glibc
#endif

/// Stops every thread of a process with ptrace (`PTRACE_SEIZE` + `PTRACE_INTERRUPT`, which does not race with
/// the target's own signals as `PTRACE_ATTACH`'s SIGSTOP does), so that one sample is a consistent snapshot.
///
/// The pause always ends: `resume()` detaches every thread, `deinit` calls it too, and if swiftspy itself dies
/// the kernel detaches its tracees and they run on. Nothing is ever written into the target.
public final class ProcessPause: @unchecked Sendable {
    public let pid: ProcessID
    private var stopped: [ThreadID] = []
    private let lock = Mutex()

    /// Pauses every thread, including threads that start while we are pausing (repeats until a pass over
    /// `/proc/PID/task` finds nothing new). Threads that exit meanwhile are skipped.
    public init(pid: ProcessID) throws(ProcessError) {
        self.pid = pid
        var seen = Set<ThreadID>()
        while true {
            let tids: [ThreadID]
            do { tids = try DirectoryListing.numericEntries("/proc/\(pid)/task", pid: pid) } catch {
                resume()
                throw error
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
        if lock.withLock({ stopped.isEmpty }) {
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
