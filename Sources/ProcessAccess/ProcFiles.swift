#if canImport(Glibc)
import Glibc
#endif

/// Small readers for `/proc` files, with errno turned into `ProcessError` once.
public enum ProcFiles {
    /// Reads a whole (small, procfs) file as bytes. `pid` names the process in errors.
    public static func readBytes(_ path: String, pid: ProcessID, limit: Int = 64 << 20) throws(ProcessError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw error(forErrno: errno, path: path, pid: pid) }
        defer { close(fd) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while result.count < limit {
            let got = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw error(forErrno: errno, path: path, pid: pid)
            }
            if got == 0 { break }
            result.append(contentsOf: chunk[0..<got])
        }
        return result
    }

    public static func readText(_ path: String, pid: ProcessID) throws(ProcessError) -> String {
        String(decoding: try readBytes(path, pid: pid), as: UTF8.self)
    }

    /// The target of a symlink such as `/proc/PID/exe`.
    public static func readLink(_ path: String, pid: ProcessID) throws(ProcessError) -> String {
        var buffer = [CChar](repeating: 0, count: 4097)
        let count = readlink(path, &buffer, 4096)
        guard count >= 0 else { throw error(forErrno: errno, path: path, pid: pid) }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// True when the path exists (following symlinks).
    public static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// True when we appear to run inside a container (docker, podman, Kubernetes).
    public static func isInContainer() -> Bool {
        if exists("/.dockerenv") || exists("/run/.containerenv") { return true }
        guard let cgroup = try? readText("/proc/self/cgroup", pid: 0) else { return false }
        return cgroup.contains("/docker/") || cgroup.contains("/kubepods") || cgroup.contains("/libpod")
    }

    static func error(forErrno code: Int32, path: String, pid: ProcessID) -> ProcessError {
        switch code {
        case ENOENT, ESRCH:
            if pid > 0, !exists("/proc/\(pid)") { return .noSuchProcess(pid) }
            return .unreadableFile(path: path, errno: code)
        case EACCES, EPERM:
            return .permissionDenied(pid, detail: "cannot read \(path)")
        default:
            return .unreadableFile(path: path, errno: code)
        }
    }
}

/// `strerror` as a Swift string.
public enum SystemErrorText {
    public static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text)
    }
}
