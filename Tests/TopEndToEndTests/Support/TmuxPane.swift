import Foundation

/// One tmux server with one pane, private to a test (its own socket), running a shell command.
///
/// The command is wrapped so the pane records what the test checks afterwards: the terminal settings
/// before and after swiftspy (`stty -g`), swiftspy's exit status, and a final `TOP-DONE` marker. The shell
/// then waits on the terminal (`cat`) until the server is killed: a pane whose process exits right after
/// writing may have its last output dropped by tmux.
final class TmuxPane {
    let tmux: String
    let socket: String
    let scratch: URL
    static let doneMarker = "TOP-DONE"

    init(command: String, width: Int = 100, height: Int = 30) throws {
        tmux = try TopEnvironment.tmux()
        scratch = try TopEnvironment.scratchDirectory()
        socket = scratch.appendingPathComponent("tmux.sock").path
        let config = scratch.appendingPathComponent("tmux.conf")
        try "set -g remain-on-exit on\nset -g status off\n".write(to: config, atomically: true, encoding: .utf8)
        let directory = scratch.path
        let script = """
            stty -g > '\(directory)/stty-before'; \(command); echo "$?" > '\(directory)/status'; \
            stty -g > '\(directory)/stty-after'; echo \(Self.doneMarker); exec cat > /dev/null
            """
        try run([
            "-f", config.path, "new-session", "-d", "-s", "top", "-x", String(width), "-y", String(height),
            "-e", "LANG=C.UTF-8", script
        ])
    }

    deinit {
        _ = try? run(["kill-server"])
        try? FileManager.default.removeItem(at: scratch)
    }

    /// The visible screen, one string per row (trailing blanks trimmed by tmux).
    func screen() throws -> String {
        try run(["capture-pane", "-p", "-t", "top"])
    }

    /// Keys as tmux names them (`q`, `C-c`, `?`).
    func send(_ keys: String...) throws {
        try run(["send-keys", "-t", "top"] + keys)
    }

    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", "top", "-x", String(width), "-y", String(height)])
    }

    /// A tmux format such as `#{alternate_on}` evaluated for the pane.
    func format(_ format: String) throws -> String {
        try run(["display-message", "-p", "-t", "top", format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The pid of the shell running in the pane.
    func shellPID() throws -> Int32 {
        guard let pid = Int32(try format("#{pane_pid}")) else { throw HarnessError("tmux gave no pane pid") }
        return pid
    }

    /// Waits for a screen that satisfies `condition`.
    @discardableResult
    func waitForScreen(_ what: String, timeout: Duration = .seconds(30), _ condition: (String) -> Bool) throws
        -> String
    {
        try waitFor(what, timeout: timeout, screen, until: condition)
    }

    /// Waits for the wrapped command to finish, then returns swiftspy's exit status and whether the terminal
    /// settings after it equal those before it.
    func waitForExit(timeout: Duration = .seconds(30)) throws -> (status: String, sttyRestored: Bool) {
        try waitForScreen("the shell to get the terminal back", timeout: timeout) { $0.contains(Self.doneMarker) }
        let read = { (name: String) in
            (try? String(contentsOf: self.scratch.appendingPathComponent(name), encoding: .utf8)) ?? "missing"
        }
        let before = read("stty-before")
        return (
            read("status").trimmingCharacters(in: .whitespacesAndNewlines),
            before != "missing" && before == read("stty-after")
        )
    }

    /// Runs one tmux command (bounded). Output goes to files, not a pipe: `new-session` forks the server,
    /// which would inherit a pipe and hold it open for its whole life.
    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        let result = try Spawn.run(tmux, ["-S", socket] + arguments, timeout: .seconds(15))
        guard result.status == 0 else {
            throw HarnessError("tmux \(arguments.joined(separator: " ")) failed: \(result.stdout)\(result.stderr)")
        }
        return result.stdout
    }
}
