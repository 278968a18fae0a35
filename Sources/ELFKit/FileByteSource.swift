#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file read with `pread`, so only the requested ranges are ever copied and concurrent readers need no
/// shared file position. The descriptor is owned by this object and closed when the last reference goes.
package final class FileByteSource: ELFByteSource {
    package let path: String
    package let size: UInt64
    private let descriptor: Int32

    /// Opens `path` read-only. `/proc/PID/root/…` and `/proc/PID/exe` paths work too (deleted binaries,
    /// other mount namespaces), which is how a profiler should open a target's files.
    package init(path: String) throws(ELFError) {
        var fd: Int32
        repeat { fd = open(path, O_RDONLY | O_CLOEXEC) } while fd < 0 && errno == EINTR
        guard fd >= 0 else { throw .cannotOpen(path: path, errno: errno) }
        var status = stat()
        guard fstat(fd, &status) == 0 else {
            let code = errno
            close(fd)
            throw .cannotOpen(path: path, errno: code)
        }
        self.path = path
        self.descriptor = fd
        self.size = UInt64(max(Int64(status.st_size), 0))
    }

    deinit { close(descriptor) }

    package func read(offset: UInt64, count: Int) throws(ELFError) -> [UInt8] {
        guard count > 0 else { return [] }
        guard offset <= UInt64(Int64.max) - UInt64(count) else {
            throw .truncated(what: "read", offset: offset, count: UInt64(count), fileSize: size)
        }
        // Filled by `pread` alone: zeroing first would touch every page of a symbol table twice.
        var failure: ELFError?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            var done = 0
            defer { initialized = done }
            while done < count {
                let got = pread(descriptor, base + done, count - done, off_t(offset) + off_t(done))
                if got > 0 {
                    done += got
                } else if got == 0 {
                    // The file shrank since we measured it.
                    failure = .truncated(what: "read", offset: offset, count: UInt64(count), fileSize: size)
                    return
                } else if errno != EINTR {
                    failure = .readFailed(path: path, errno: errno)
                    return
                }
            }
        }
        if let failure { throw failure }
        return bytes
    }
}
