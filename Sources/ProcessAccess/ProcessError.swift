/// Why attaching to or inspecting a process failed. Each case renders as one sentence that says what went wrong
/// and what to do about it.
package enum ProcessError: Error, Equatable, Sendable, CustomStringConvertible {
    case noSuchProcess(ProcessID)
    case permissionDenied(ProcessID, detail: String)
    case processExited(ProcessID)
    case unreadableFile(path: String, errno: Int32)
    case pauseFailed(ProcessID, errno: Int32)
    /// Some threads did not report their stop within the pause's deadline (see `ProcessPause`).
    case pauseTimedOut(ProcessID, threads: Int, after: Duration)
    /// Another tracer (a debugger, strace, another profiler) holds a thread: only one may trace it at a time.
    case alreadyTraced(ProcessID, tracer: ProcessID, tracerName: String?)
    /// The pid names a kernel thread, which runs no program at all.
    case kernelThread(ProcessID, name: String)

    package var description: String {
        switch self {
        case .noSuchProcess(let pid):
            return "No process with pid \(pid) is running; check the pid (e.g. with `ps`)."
        case .permissionDenied(let pid, let detail):
            return "Permission denied reading process \(pid)\(detail.isEmpty ? "" : " (\(detail))"). "
                + PermissionAdvice.text(for: pid)
        case .processExited(let pid):
            return "Process \(pid) exited while it was being read."
        case .unreadableFile(let path, let code):
            return "Could not read \(path): \(SystemErrorText.describe(code))."
        case .pauseFailed(let pid, let code):
            return "Could not pause process \(pid) to take a consistent sample (\(SystemErrorText.describe(code))); "
                + "retry, or use --nonblocking to read without pausing."
        case .pauseTimedOut(let pid, let count, let limit):
            return "\(count) thread(s) of process \(pid) did not stop within \(limit) (an uninterruptible wait, such "
                + "as slow disk or network file system I/O?); retry, or use --nonblocking to read without pausing."
        case .alreadyTraced(let pid, let tracer, let name):
            let who = name.map { "process \(tracer) (\($0))" } ?? "process \(tracer)"
            return "Process \(pid) is already being traced by \(who), and a thread can have only one tracer; "
                + "detach or quit that tool first, or use --nonblocking to read without pausing."
        case .kernelThread(let pid, let name):
            return
                "Process \(pid) (\(name)) is a kernel thread, not a Python program; give the pid of a Python process "
                + "(e.g. from `ps -C python3`)."
        }
    }
}
