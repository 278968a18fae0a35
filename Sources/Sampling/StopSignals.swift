import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The signal that asked us to stop, set from a signal handler and read by the sampling loop.
private let pendingStopSignal = Atomic<Int32>(0)

/// Turns SIGINT and SIGTERM into a request to stop cleanly: the sampler finishes the sample in progress
/// (resuming the target if it was paused), the output is written, and only then does swiftspy exit.
/// A second signal while stopping restores the default action, so a stuck exit can still be forced.
package enum StopSignals {
    package static func install() {
        for signal in [SIGINT, SIGTERM] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { received in
                if pendingStopSignal.exchange(received, ordering: .relaxed) != 0 {
                    Glibc.signal(received, SIG_DFL)
                }
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0  // no SA_RESTART: let sleeps return EINTR so the loop notices at once
            sigaction(signal, &action, nil)
        }
        // A parent may have started us with these signals blocked (threads of some runtimes block them), which
        // would make Ctrl-C and SIGTERM unable to stop a recording cleanly.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigaddset(&unblock, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }

    /// The signal received, or nil.
    package static var received: Int32? {
        let value = pendingStopSignal.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }

    /// For tests and for a command that handled the request itself.
    package static func reset() { pendingStopSignal.store(0, ordering: .relaxed) }
}
