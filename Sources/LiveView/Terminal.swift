#if canImport(Glibc)
import Glibc
#endif

/// Why the live view could not take over the terminal.
package enum TerminalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// stdout is a file or a pipe: a full-screen view there would only write escape sequences into it.
    case notATerminal
    case attributes(errno: Int32)

    package var description: String {
        switch self {
        case .notATerminal:
            return "swiftspy top needs a terminal: its output is not one. To save samples to a file, use "
                + "`swiftspy record`; for one snapshot, `swiftspy dump`."
        case .attributes(let code):
            return "Could not switch the terminal to raw mode (\(String(cString: strerror(code)))); "
                + "run swiftspy top from an interactive terminal."
        }
    }
}

/// The only code that touches the tty. `open()` saves the terminal's settings and switches to raw input (no
/// echo, no line buffering, no signal keys: Ctrl-C arrives as a key), the alternate screen, no cursor and no
/// line wrapping; `restore()` undoes all of it and is also run by an `atexit` safety net. The caller routes
/// SIGINT and SIGTERM to `restore()` through its stop flag.
package final class Terminal: @unchecked Sendable {
    let input: Int32
    let output: Int32
    /// False when stdin is not a terminal (e.g. redirected): the view still runs, without keys.
    let readsKeys: Bool
    private var inputOpen = true

    private init(input: Int32, output: Int32, readsKeys: Bool) {
        self.input = input
        self.output = output
        self.readsKeys = readsKeys
    }

    /// Takes over the terminal on `output`, reading keys from `input` when that is a terminal too.
    package static func open(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) throws(TerminalError)
        -> Terminal
    {
        guard isTerminal(output) else { throw .notATerminal }
        var saved: termios?
        if isatty(input) == 1 {
            var attributes = termios()
            guard tcgetattr(input, &attributes) == 0 else { throw .attributes(errno: errno) }
            saved = attributes
            var raw = attributes
            raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
            raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
            withUnsafeMutableBytes(of: &raw.c_cc) { cc in
                // Reads return at once with what is there; waiting is done with poll().
                cc[Int(VMIN)] = 0
                cc[Int(VTIME)] = 0
            }
            var result: Int32
            repeat { result = tcsetattr(input, TCSANOW, &raw) } while result != 0 && errno == EINTR
            guard result == 0 else { throw .attributes(errno: errno) }
        }
        TerminalRestoration.remember(.init(input: input, output: output, attributes: saved))
        ResizeSignal.install()
        // Alternate screen, hidden cursor, no auto-wrap, cleared.
        TerminalIO.writeAll(output, "\u{1B}[?1049h\u{1B}[?25l\u{1B}[?7l\u{1B}[H\u{1B}[2J")
        return Terminal(input: input, output: output, readsKeys: saved != nil)
    }

    /// Whether `output` is a terminal the view can take over.
    package static func isTerminal(_ output: Int32 = STDOUT_FILENO) -> Bool {
        isatty(output) == 1
    }

    /// The terminal's size now (TIOCGWINSZ), or 80×24 when it will not say.
    package func size() -> TerminalSize {
        var window = winsize()
        guard ioctl(output, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 else {
            return .fallback
        }
        return TerminalSize(width: Int(window.ws_col), height: Int(window.ws_row))
    }

    /// True when the terminal was resized since the last call.
    package func takeResize() -> Bool { ResizeSignal.take() }

    /// Waits up to `timeout` seconds for input and returns the bytes typed (empty on timeout, or when a signal
    /// such as SIGWINCH or SIGINT cut the wait short, so the caller reacts at once).
    package func readInput(timeout: Double) -> [UInt8] {
        let milliseconds = Int32(max(0, min(timeout, 60)) * 1000)
        guard readsKeys, inputOpen else {
            _ = poll(nil, 0, milliseconds)
            return []
        }
        var descriptor = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, milliseconds)
        guard ready > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
        if count > 0 { return Array(buffer.prefix(count)) }
        if count == 0 || (errno != EINTR && errno != EAGAIN) {
            // Hung up or unreadable: stop asking, or poll would report it ready forever.
            inputOpen = false
        }
        return []
    }

    /// Replaces the screen with `lines` in one write, without clearing first: each line overwrites the old
    /// one and clears only what is left of it, so nothing flickers. Clearing is skipped after a line that
    /// fills the width: with wrapping off the cursor stays on the last column, and a clear from there would
    /// erase the line's last character. Synchronized-update markers let terminals that know them show the
    /// frame at once; others ignore them.
    package func draw(_ lines: [String], size: TerminalSize) {
        var frame = "\u{1B}[?2026h\u{1B}[H"
        for (index, line) in lines.enumerated() {
            if index > 0 { frame += "\r\n" }
            frame += line
            if ANSIText.visibleCount(line) < size.width { frame += "\u{1B}[K" }
        }
        if lines.count < size.height {
            // Whatever a taller previous frame left below goes too.
            frame += (lines.isEmpty ? "" : "\r\n") + "\u{1B}[J"
        }
        frame += "\u{1B}[?2026l"
        TerminalIO.writeAll(output, frame)
    }

    /// Gives the terminal back as it was found. Safe to call more than once, from any exit path.
    package func restore() {
        TerminalRestoration.restore()
    }
}
