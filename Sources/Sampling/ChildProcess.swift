import CLinuxShims
import ProcessAccess
#if canImport(Glibc)
import Glibc
#endif

/// A program swiftspy launched to profile (`swiftspy record -- python app.py`). It never outlives the
/// profiler: `terminate()` kills and reaps it, it is started in our process group so a terminal Ctrl-C reaches it
/// too, and the kernel kills it if swiftspy itself is killed (`PR_SET_PDEATHSIG`, set in the child by
/// `swiftspy_launch` in spawn.c). Under sudo it runs as the user who invoked sudo, never as root.
package final class ChildProcess: @unchecked Sendable {
    package let pid: ProcessID
    package let arguments: [String]
    /// Where the child's stdout and stderr went when captured (so it does not scribble over a live view).
    package let capturedOutputPath: String?
    /// The user the program runs as when that is not swiftspy's own (under sudo), else nil.
    package let runsAs: InvokingUser?
    private var reaped = false

    package enum LaunchError: Error, CustomStringConvertible, Equatable {
        case emptyCommand
        case spawnFailed(program: String, errno: Int32)
        /// The program could not be started as the invoking user: switching to that user failed (`step`), or the
        /// user may not execute it.
        case asUserFailed(program: String, user: String, step: String, errno: Int32)

        package var description: String {
            switch self {
            case .emptyCommand:
                return "No program to profile was given; put it after `--`, e.g. `swiftspy record -- python3 app.py`."
            case .spawnFailed(let program, let code):
                return
                    "Could not start '\(program)': \(SystemErrorText.describe(code)); check the command and that it is on PATH."
            case .asUserFailed(let program, let user, let step, let code) where step == "exec" && code == EACCES:
                return
                    "Could not start '\(program)' as \(user), the user who ran sudo: permission denied; make the program executable by that user, or attach to it with --pid."
            case .asUserFailed(let program, let user, let step, let code) where step == "exec":
                return
                    "Could not start '\(program)' as \(user), the user who ran sudo: \(SystemErrorText.describe(code)); check the command and that it is on that user's PATH."
            case .asUserFailed(let program, let user, let step, let code):
                return
                    "Could not start '\(program)' as \(user), the user who ran sudo: \(step) failed (\(SystemErrorText.describe(code))); start it yourself and attach with --pid."
            }
        }
    }

    /// Starts `arguments[0]` (looked up on PATH) with the given arguments.
    /// - Parameters:
    ///   - captureOutput: send the child's stdout/stderr to a temporary file and its stdin to /dev/null.
    ///   - user: the user to run it as; by default the user behind sudo, if swiftspy runs as root under sudo.
    package init(
        arguments: [String], captureOutput: Bool = false,
        as user: InvokingUser? = InvokingUser.current()
    ) throws(LaunchError) {
        guard let program = arguments.first else { throw .emptyCommand }
        self.arguments = arguments
        self.runsAs = user
        var capturePath: String?
        var captureFD: Int32 = -1
        var stdinFD: Int32 = -1
        defer {
            if captureFD >= 0 { close(captureFD) }
            if stdinFD >= 0 { close(stdinFD) }
        }
        if captureOutput {
            var template = Array("/tmp/swiftspy-child-output-XXXXXX".utf8CString)
            let fd = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
            if fd >= 0 {
                captureFD = fd
                capturePath = String(cString: template)
                // The program writes its output here as the invoking user.
                if let user { _ = fchown(fd, user.uid, user.gid) }
                stdinFD = open("/dev/null", O_RDONLY | O_CLOEXEC)
            }
        }
        capturedOutputPath = capturePath

        let environment = Self.environment(for: user)
        let groups = user?.supplementaryGroups() ?? []
        let outcome = Self.withCStrings(arguments) { argv in
            Self.withCStrings(environment) { envp in
                groups.withUnsafeBufferPointer { groupBuffer in
                    var request = swiftspy_launch_request(
                        argv: argv, envp: envp, stdin_fd: stdinFD, output_fd: captureFD,
                        switch_user: user == nil ? 0 : 1, uid: user?.uid ?? 0, gid: user?.gid ?? 0,
                        groups: groupBuffer.baseAddress, group_count: groupBuffer.count)
                    return swiftspy_launch(&request)
                }
            }
        }
        guard outcome.step == SWIFTSPY_LAUNCH_STARTED, outcome.pid > 0 else {
            if let capturePath { unlink(capturePath) }
            if let user, outcome.step != SWIFTSPY_LAUNCH_PREPARE, outcome.step != SWIFTSPY_LAUNCH_FORK {
                throw .asUserFailed(
                    program: program, user: user.label, step: Self.stepName(outcome.step),
                    errno: outcome.error)
            }
            throw .spawnFailed(program: program, errno: outcome.error)
        }
        pid = outcome.pid
    }

    /// swiftspy's environment, with HOME, USER and LOGNAME naming `user` when the program runs as someone else
    /// (sudo leaves root's there, and a program that writes to `~` would then fail or write into /root).
    static func environment(for user: InvokingUser?) -> [String] {
        var entries: [String] = []
        var cursor = environ
        while let entry = cursor.pointee {
            entries.append(String(cString: entry))
            cursor += 1
        }
        guard let user, let account = user.account() else { return entries }
        let replaced = ["HOME": account.home, "USER": account.name, "LOGNAME": account.name]
        entries.removeAll { entry in replaced.keys.contains { entry.hasPrefix($0 + "=") } }
        return entries + replaced.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    }

    /// What a failed step did, for the message.
    private static func stepName(_ step: swiftspy_launch_step) -> String {
        switch step {
        case SWIFTSPY_LAUNCH_STDIO: return "redirecting its output"
        case SWIFTSPY_LAUNCH_SETGROUPS: return "setting the user's groups"
        case SWIFTSPY_LAUNCH_SETGID: return "switching to the user's group"
        case SWIFTSPY_LAUNCH_SETUID, SWIFTSPY_LAUNCH_VERIFY_IDS: return "switching to the user"
        case SWIFTSPY_LAUNCH_PARENT_DEATH_SIGNAL: return "setting the parent-death signal"
        default: return "exec"
        }
    }

    /// Runs `body` with a NULL-terminated C array of `strings`, freed afterwards.
    private static func withCStrings<Result>(
        _ strings: [String],
        _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> Result
    ) -> Result {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return pointers.withUnsafeBufferPointer { buffer in body(buffer.baseAddress!) }
    }

    /// True while the child has not exited.
    package var isRunning: Bool {
        if reaped { return false }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid {
            reaped = true
            return false
        }
        return result == 0
    }

    /// Kills the child (if still running) and reaps it. Safe to call more than once.
    package func terminate() {
        guard !reaped else { return }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        reaped = true
    }

    /// The captured output, if any (shown after a failure).
    package func capturedOutput() -> String? {
        guard let capturedOutputPath else { return nil }
        return try? ProcFiles.readText(capturedOutputPath, pid: 0)
    }

    deinit {
        terminate()
        if let capturedOutputPath { unlink(capturedOutputPath) }
    }
}
