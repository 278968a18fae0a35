import ProcessAccess
#if canImport(Glibc)
import Glibc
#endif

/// A program swiftspy launched to profile (`swiftspy record -- python app.py`). It never outlives the
/// profiler: `terminate()` kills and reaps it, and it is started in our process group so a terminal Ctrl-C
/// reaches it too.
public final class ChildProcess: @unchecked Sendable {
    public let pid: ProcessID
    public let arguments: [String]
    /// Where the child's stdout and stderr went when captured (so it does not scribble over a live view).
    public let capturedOutputPath: String?
    private var reaped = false

    public enum LaunchError: Error, CustomStringConvertible, Equatable {
        case emptyCommand
        case spawnFailed(program: String, errno: Int32)

        public var description: String {
            switch self {
            case .emptyCommand:
                return "No program to profile was given; put it after `--`, e.g. `swiftspy record -- python3 app.py`."
            case .spawnFailed(let program, let code):
                return "Could not start '\(program)': \(SystemErrorText.describe(code)); check the command and that it is on PATH."
            }
        }
    }

    /// Starts `arguments[0]` (looked up on PATH) with the given arguments.
    /// - Parameter captureOutput: send the child's stdout/stderr to a temporary file and its stdin to /dev/null.
    public init(arguments: [String], captureOutput: Bool = false) throws(LaunchError) {
        guard let program = arguments.first else { throw .emptyCommand }
        self.arguments = arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var capturePath: String?
        var captureFD: Int32 = -1
        defer { if captureFD >= 0 { close(captureFD) } }
        if captureOutput {
            var template = Array("/tmp/swiftspy-child-output-XXXXXX".utf8CString)
            let fd = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
            if fd >= 0 {
                captureFD = fd
                capturePath = String(cString: template)
                posix_spawn_file_actions_adddup2(&actions, fd, STDOUT_FILENO)
                posix_spawn_file_actions_adddup2(&actions, fd, STDERR_FILENO)
                posix_spawn_file_actions_addclose(&actions, fd)
                posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
            }
        }
        capturedOutputPath = capturePath
        var childPID: pid_t = 0
        let cArguments = arguments.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        let result = posix_spawnp(&childPID, program, &actions, nil, cArguments, environ)
        guard result == 0 else { throw .spawnFailed(program: program, errno: result) }
        pid = childPID
    }

    /// True while the child has not exited.
    public var isRunning: Bool {
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
    public func terminate() {
        guard !reaped else { return }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        reaped = true
    }

    /// The captured output, if any (shown after a failure).
    public func capturedOutput() -> String? {
        guard let capturedOutputPath else { return nil }
        return try? ProcFiles.readText(capturedOutputPath, pid: 0)
    }

    deinit {
        terminate()
        if let capturedOutputPath { unlink(capturedOutputPath) }
    }
}
