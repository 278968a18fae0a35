/// Why attaching to or inspecting a process failed. Each case renders as one sentence that says what went wrong
/// and what to do about it.
public enum ProcessError: Error, Equatable, Sendable, CustomStringConvertible {
    case noSuchProcess(ProcessID)
    case permissionDenied(ProcessID, detail: String)
    case processExited(ProcessID)
    case unreadableFile(path: String, errno: Int32)
    case pauseFailed(ProcessID, errno: Int32)

    public var description: String {
        switch self {
        case .noSuchProcess(let pid):
            return "No process with pid \(pid) is running; check the pid (e.g. with `ps`)."
        case .permissionDenied(let pid, let detail):
            return "Permission denied reading process \(pid)\(detail.isEmpty ? "" : " (\(detail))"). "
                + PermissionAdvice.text()
        case .processExited(let pid):
            return "Process \(pid) exited while it was being read."
        case .unreadableFile(let path, let code):
            return "Could not read \(path): \(SystemErrorText.describe(code))."
        case .pauseFailed(let pid, let code):
            return "Could not pause process \(pid) to take a consistent sample (\(SystemErrorText.describe(code))); "
                + "retry, or use --nonblocking to read without pausing."
        }
    }
}

/// How to get the right to read another process, tailored to where we run.
public enum PermissionAdvice {
    public static func text() -> String {
        var advice = "Run swiftspy as root (e.g. `sudo env \"PATH=$PATH\" swiftspy …`), or give it CAP_SYS_PTRACE"
        if let scope = try? ProcFiles.readText("/proc/sys/kernel/yama/ptrace_scope", pid: 0)
            .filter { !$0.isWhitespace }, scope != "0"
        {
            advice += ", or allow non-child tracing with `sysctl kernel.yama.ptrace_scope=0` (it is \(scope))"
        }
        if ProcFiles.isInContainer() {
            advice += "; in a container, start it with `--cap-add SYS_PTRACE` (Kubernetes: securityContext capabilities add SYS_PTRACE)"
        }
        return advice + "."
    }
}
