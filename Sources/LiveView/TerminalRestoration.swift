import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The terminal state to put back, kept in one process-wide place so that every way out can reach it: the
/// normal path (`Terminal.restore()`), and an `atexit` handler for an `exit()` from anywhere else (an
/// ArgumentParser exit, a library calling `exit`). Restoring twice is harmless: the state is taken once.
enum TerminalRestoration {
    /// The escape sequences that undo what `Terminal.open` switched on: show the cursor, wrap lines again,
    /// and leave the alternate screen (which brings back what the shell showed before).
    static let leaveSequence = "\u{1B}[0m\u{1B}[?7h\u{1B}[?25h\u{1B}[?1049l"

    struct Saved: @unchecked Sendable {
        // `termios` is a plain C struct of integers, safe to move between threads.
        let input: Int32
        let output: Int32
        let attributes: termios?
    }

    private static let saved = Mutex<Saved?>(nil)
    private static let exitHandlerInstalled = Mutex(false)

    static func remember(_ state: Saved) {
        saved.withLock { $0 = state }
        exitHandlerInstalled.withLock { installed in
            guard !installed else { return }
            installed = true
            atexit { TerminalRestoration.restore() }
        }
    }

    /// Puts the terminal back if it still needs it. The attributes are set with `TCSAFLUSH` so keys typed at
    /// the view but not read yet are dropped instead of landing on the shell's command line.
    static func restore() {
        guard
            let state = saved.withLock({ current -> Saved? in
                defer { current = nil }
                return current
            })
        else { return }
        TerminalIO.writeAll(state.output, leaveSequence)
        if var attributes = state.attributes {
            while tcsetattr(state.input, TCSAFLUSH, &attributes) != 0, errno == EINTR {}
        }
    }

    static var isActive: Bool { saved.withLock { $0 != nil } }
}

/// SIGWINCH, turned into a flag the view polls: a signal handler may not do more than that.
enum ResizeSignal {
    private static let pending = Atomic<Bool>(false)

    static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in ResizeSignal.pending.store(true, ordering: .relaxed) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0  // no SA_RESTART: the input wait returns at once and the view redraws
        sigaction(SIGWINCH, &action, nil)
        // A blocked signal mask is inherited across exec (a launcher running us from a worker thread may have
        // blocked everything); a blocked SIGWINCH would leave the view drawn for the old size for good.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGWINCH)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }

    /// True once per resize (or more than one resize in a row).
    static func take() -> Bool {
        pending.exchange(false, ordering: .relaxed)
    }
}

/// Raw writes to a descriptor, whole, across short writes and interruptions.
enum TerminalIO {
    static func writeAll(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)  // one write per frame: partial frames would show as flicker
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.write(fd, base + offset, buffer.count - offset)
            }
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}
