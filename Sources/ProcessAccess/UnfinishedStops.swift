import CLinuxShims
#if canImport(Glibc)
import Glibc
#endif

/// Threads swiftspy asked to stop (`PTRACE_INTERRUPT`) that had not reported the stop when their pause gave up
/// waiting (a thread in an uninterruptible wait can take arbitrarily long).
///
/// Such a thread is still our tracee, and the interrupt is still pending: whenever it next runs, the kernel
/// stops it and keeps it stopped until its tracer lets go (`kernel/ptrace.c`, `ptrace_detach` needs a stopped
/// tracee). Forgetting it would leave the target stopped for as long as swiftspy runs, so every later pause
/// first settles these threads — detaching the ones that stopped, forgetting the ones that exited — and waits
/// for any it is asked to pause again instead of seizing them a second time (which would fail with EPERM). If
/// swiftspy exits first, the kernel detaches them and drops the pending interrupt.
enum UnfinishedStops {
    private static let lock = Mutex()
    nonisolated(unsafe) private static var threads: Set<ThreadID> = []

    /// Remembers threads whose stop was requested but not seen.
    static func add(_ tids: some Sequence<ThreadID>) {
        lock.withLock { threads.formUnion(tids) }
    }

    /// Detaches those that have stopped since, forgets those that exited, and returns the ones still pending
    /// among `requested` (they are removed from the set: the caller now waits for them).
    static func settle(claiming requested: Set<ThreadID>) -> [ThreadID] {
        lock.withLock {
            guard !threads.isEmpty else { return [] }
            var claimed: [ThreadID] = []
            for tid in threads {
                let code = swiftspy_ptrace_poll_stop(tid)
                if code == 0 {
                    _ = swiftspy_ptrace_release(tid)
                    threads.remove(tid)
                } else if code != EAGAIN {
                    threads.remove(tid)  // exited, or no longer ours
                } else if requested.contains(tid) {
                    claimed.append(tid)
                    threads.remove(tid)
                }
            }
            return claimed
        }
    }

    /// The threads currently pending (for tests).
    static var pending: Set<ThreadID> { lock.withLock { threads } }
}
