#if canImport(Glibc)
import Glibc
#endif

/// Facts about a process read from `/proc`: its executable and command line, and how to open files as the
/// process sees them (it may live in another mount namespace). Threads and their run states are
/// `ThreadRunStates`'; the process tree is `ProcessTree`'s.
package struct ProcessInspector: Sendable {
    package let pid: ProcessID

    package init(pid: ProcessID) throws(ProcessError) {
        guard pid > 0 else { throw .noSuchProcess(pid) }
        self.pid = pid
        guard ProcFiles.exists("/proc/\(pid)/stat") else { throw .noSuchProcess(pid) }
    }

    /// The executable's path as the target sees it (`readlink /proc/PID/exe`), without ` (deleted)`.
    /// A kernel thread (kthreadd, kworker…) has no executable: that is reported as such, and a zombie's missing
    /// link as its exit, rather than as an unreadable `/proc/PID/exe`.
    package func executablePath() throws(ProcessError) -> String {
        var path: String
        do {
            path = try ProcFiles.readLink("/proc/\(pid)/exe", pid: pid)
        } catch {
            guard case .unreadableFile(_, ENOENT) = error,
                let stat = try? ProcFiles.readText("/proc/\(pid)/stat", pid: pid)
            else { throw error }
            switch Self.kind(fromStat: stat) {
            case .kernelThread(let name): throw .kernelThread(pid, name: name)
            case .zombie: throw .processExited(pid)
            case .other: throw error
            }
        }
        if path.hasSuffix(" (deleted)") { path.removeLast(" (deleted)".count) }
        return path
    }

    enum StatKind: Equatable {
        case kernelThread(name: String)
        case zombie
        case other
    }

    /// What `/proc/PID/stat` says about a process without an executable: its state (field 3) and flags (field 9,
    /// `PF_KTHREAD` = 0x00200000 in include/linux/sched.h). The name (field 2) may hold spaces and parentheses,
    /// so the fields after it are found from the last `)`.
    static func kind(fromStat stat: String) -> StatKind {
        guard let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")"), open < close else {
            return .other
        }
        let name = String(stat[stat.index(after: open)..<close])
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 6, let flags = UInt64(fields[6]) else { return .other }
        if flags & 0x0020_0000 != 0 { return .kernelThread(name: name) }
        return fields[0] == "Z" || fields[0] == "X" ? .zombie : .other
    }

    /// The command line, arguments joined by spaces (as py-spy prints it).
    package func commandLine() throws(ProcessError) -> String {
        Self.commandLine(fromCmdline: try ProcFiles.readBytes("/proc/\(pid)/cmdline", pid: pid))
    }

    /// `/proc/PID/cmdline`'s NUL-terminated arguments joined by spaces: the last terminator dropped and the
    /// others turned into spaces (as bytes, not strings: this runs on every attach).
    static func commandLine(fromCmdline bytes: [UInt8]) -> String {
        String(decoding: bytes.dropLast(bytes.last == 0 ? 1 : 0).map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
    }

    /// A path that opens `path` (as named inside the target) from here: through `/proc/PID/root`, which works
    /// across mount namespaces (containers) and for the target's own view of the filesystem.
    package func hostPath(for path: String) -> String {
        "/proc/\(pid)/root" + path
    }

    /// A path that opens the file behind a mapping even when it was deleted or replaced after it was mapped.
    package func mappedFilePath(for mapping: MemoryMapping) -> String {
        "/proc/\(pid)/map_files/" + String(mapping.start, radix: 16) + "-" + String(mapping.end, radix: 16)
    }

    /// The state letter of a `stat` line: the field after the *last* `)`, since the command name may itself
    /// contain spaces and parentheses.
    package static func state(fromStat stat: [UInt8]) -> UInt8? {
        guard let close = stat.lastIndex(of: UInt8(ascii: ")")) else { return nil }
        return stat[(close + 1)...].first { $0 != UInt8(ascii: " ") }
    }
}
