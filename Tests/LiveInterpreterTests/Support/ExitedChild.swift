import LiveTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A child that has exited but is not reaped yet: a zombie, whose `/proc/<pid>` still exists with no memory map.
///
/// Foundation's `Process` reaps its children by itself, so this uses `posix_spawn` and waits with
/// `waitid(WNOWAIT)`, which blocks until the exit without reaping: deterministic, no polling.
struct ExitedChild: Sendable {
    let pid: Int32

    /// Spawns `executable arguments…` with stdio on /dev/null and returns once it has exited.
    static func spawn(_ executable: String, _ arguments: [String]) throws -> ExitedChild {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let environment: [UnsafeMutablePointer<CChar>?] = [nil]
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environment)
        guard spawned == 0 else { throw LiveTestError("posix_spawn \(executable) failed: errno \(spawned)") }

        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 {
            guard errno == EINTR else { throw LiveTestError("waitid(\(pid)) failed: errno \(errno)") }
        }
        return ExitedChild(pid: pid)
    }

    /// Collects the exit status, removing the zombie.
    func reap() {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }
}
