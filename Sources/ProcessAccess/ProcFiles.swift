#if canImport(Glibc)
import Glibc
#endif

/// Small readers for `/proc` files, with errno turned into `ProcessError` once.
package enum ProcFiles {
    /// Reads a whole (small, procfs) file as bytes. `pid` names the process in errors.
    package static func readBytes(_ path: String, pid: ProcessID, limit: Int = 64 << 20) throws(ProcessError) -> [UInt8]
    {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw error(forErrno: errno, path: path, pid: pid) }
        defer { close(fd) }
        var result: [UInt8] = []
        // procfs hands out at most a page or so per read: a small uninitialised chunk is enough, where a large
        // zeroed one cost more in page faults than the reads themselves.
        var failure: Int32?
        withUnsafeTemporaryAllocation(byteCount: chunkSize, alignment: 16) { chunk in
            while result.count < limit {
                let got = Glibc.read(fd, chunk.baseAddress, chunk.count)
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if got == 0 { return }
                result.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<got]))
            }
        }
        if let failure { throw error(forErrno: failure, path: path, pid: pid) }
        return result
    }

    package static func readText(_ path: String, pid: ProcessID) throws(ProcessError) -> String {
        String(decoding: try readBytes(path, pid: pid), as: UTF8.self)
    }

    /// The target of a symlink such as `/proc/PID/exe`.
    package static func readLink(_ path: String, pid: ProcessID) throws(ProcessError) -> String {
        var buffer = [CChar](repeating: 0, count: 4097)
        let count = readlink(path, &buffer, 4096)
        guard count >= 0 else { throw error(forErrno: errno, path: path, pid: pid) }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// True when the path exists (following symlinks).
    package static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// True when we appear to run inside a container (docker, podman, Kubernetes).
    package static func isInContainer() -> Bool {
        if exists("/.dockerenv") || exists("/run/.containerenv") { return true }
        guard let cgroup = try? readText("/proc/self/cgroup", pid: 0) else { return false }
        return cgroup.contains("/docker/") || cgroup.contains("/kubepods") || cgroup.contains("/libpod")
    }

    /// Bytes asked for per `read` call.
    static var chunkSize: Int { 16384 }

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
package enum SystemErrorText {
    package static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text)
    }
}
