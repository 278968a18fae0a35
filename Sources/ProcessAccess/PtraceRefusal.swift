#if canImport(Glibc)
import Glibc
#endif

/// Why `PTRACE_SEIZE` said EPERM for a thread that exists.
///
/// The commonest cause on a machine where swiftspy has the right to trace is that something else already traces
/// the thread (a debugger, `strace`, another profiler): a thread has one tracer at most (`ptrace_attach` in
/// `kernel/ptrace.c` refuses a second). The kernel says so in `TracerPid` of the thread's status file.
enum PtraceRefusal {
    static func error(pid: ProcessID, tid: ThreadID) -> ProcessError {
        if let tracer = tracer(of: pid, tid: tid), tracer != getpid() {
            let name = (try? ProcFiles.readText("/proc/\(tracer)/comm", pid: 0))?.filter { $0 != "\n" }
            return .alreadyTraced(pid, tracer: tracer, tracerName: name.flatMap { $0.isEmpty ? nil : $0 })
        }
        return .permissionDenied(pid, detail: "ptrace refused")
    }

    /// The `TracerPid` of a thread, nil when it is not traced or the file cannot be read.
    static func tracer(of pid: ProcessID, tid: ThreadID) -> ProcessID? {
        guard let status = try? ProcFiles.readText("/proc/\(pid)/task/\(tid)/status", pid: pid),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("TracerPid:") }),
            let tracer = ProcessID(line.dropFirst("TracerPid:".count).trimmingPrefix(while: \.isWhitespace)),
            tracer != 0
        else { return nil }
        return tracer
    }
}
