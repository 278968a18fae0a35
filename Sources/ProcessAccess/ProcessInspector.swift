/// Facts about a process read from `/proc`: its executable and command line, and how to open files as the
/// process sees them (it may live in another mount namespace). Threads and their run states are
/// `ThreadRunStates`'; the process tree is `ProcessTree`'s.
public struct ProcessInspector: Sendable {
    public let pid: ProcessID

    public init(pid: ProcessID) throws(ProcessError) {
        guard pid > 0 else { throw .noSuchProcess(pid) }
        self.pid = pid
        guard ProcFiles.exists("/proc/\(pid)/stat") else { throw .noSuchProcess(pid) }
    }

    /// The executable's path as the target sees it (`readlink /proc/PID/exe`), without ` (deleted)`.
    public func executablePath() throws(ProcessError) -> String {
        var path = try ProcFiles.readLink("/proc/\(pid)/exe", pid: pid)
        if path.hasSuffix(" (deleted)") { path.removeLast(" (deleted)".count) }
        return path
    }

    /// The command line, arguments joined by spaces (as py-spy prints it).
    public func commandLine() throws(ProcessError) -> String {
        Self.commandLine(fromCmdline: try ProcFiles.readBytes("/proc/\(pid)/cmdline", pid: pid))
    }

    /// `/proc/PID/cmdline`'s NUL-terminated arguments joined by spaces: the last terminator dropped and the
    /// others turned into spaces (as bytes, not strings: this runs on every attach).
    static func commandLine(fromCmdline bytes: [UInt8]) -> String {
        String(decoding: bytes.dropLast(bytes.last == 0 ? 1 : 0).map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
    }

    /// A path that opens `path` (as named inside the target) from here: through `/proc/PID/root`, which works
    /// across mount namespaces (containers) and for the target's own view of the filesystem.
    public func hostPath(for path: String) -> String {
        "/proc/\(pid)/root" + path
    }

    /// A path that opens the file behind a mapping even when it was deleted or replaced after it was mapped.
    public func mappedFilePath(for mapping: MemoryMapping) -> String {
        "/proc/\(pid)/map_files/" + String(mapping.start, radix: 16) + "-" + String(mapping.end, radix: 16)
    }

    /// The state letter of a `stat` line: the field after the *last* `)`, since the command name may itself
    /// contain spaces and parentheses.
    public static func state(fromStat stat: [UInt8]) -> UInt8? {
        guard let close = stat.lastIndex(of: UInt8(ascii: ")")) else { return nil }
        return stat[(close + 1)...].first { $0 != UInt8(ascii: " ") }
    }
}
