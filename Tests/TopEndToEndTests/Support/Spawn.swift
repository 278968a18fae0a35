import Foundation

/// Starting and reaping the harness's processes with posix_spawn and waitpid on their own pids.
///
/// Not Foundation's `Process`: a tmux client that starts a server, waited on with `waitUntilExit()` from a
/// Dispatch thread, was seen left a zombie with the wait never returning. waitpid on a known pid cannot miss.
enum Spawn {
    /// Starts `path` with stdin from /dev/null and stdout and stderr to the given files (or /dev/null).
    static func start(_ path: String, _ arguments: [String], stdout: String? = nil, stderr: String? = nil) throws
        -> pid_t
    {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if let stderr {
            posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        // Children get a clean signal state, as from a shell: this runs on Dispatch worker threads, whose
        // blocked signals would otherwise be inherited by tmux and everything in its pane.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGWINCH, SIGHUP, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        guard result == 0 else {
            throw HarnessError("cannot start \(path): \(String(cString: strerror(result)))")
        }
        return pid
    }

    /// Waits (bounded) for `pid` to exit and reaps it; the exit status, or 128 + the signal that killed it.
    static func wait(_ pid: pid_t, timeout: Duration = .seconds(30)) throws -> Int32 {
        let status = try waitFor(
            "process \(pid) to exit", timeout: timeout,
            { () -> Int32? in
                var status: Int32 = 0
                let result = waitpid(pid, &status, WNOHANG)
                guard result == pid else { return nil }
                let signal = status & 0x7F
                return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
            }, until: { $0 != nil })
        return status ?? -1
    }

    /// Kills and reaps `pid` (SIGKILL: nothing in the harness's children needs to clean up).
    static func kill(_ pid: pid_t) {
        Glibc.kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }

    /// Runs a command to completion with a bounded wait; its exit status, stdout and stderr.
    static func run(_ path: String, _ arguments: [String], timeout: Duration = .seconds(30)) throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        let scratch = try TopEnvironment.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("stdout").path
        let err = scratch.appendingPathComponent("stderr").path
        let pid = try start(path, arguments, stdout: out, stderr: err)
        let status: Int32
        do {
            status = try wait(pid, timeout: timeout)
        } catch {
            kill(pid)
            throw error
        }
        let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        return (status, read(out), read(err))
    }
}
