import CLinuxShims
#if canImport(Glibc)
import Glibc
#endif

/// Reads a live process's memory with `process_vm_readv`, falling back to `/proc/PID/mem` when the syscall is
/// unavailable or refused (some hardened kernels allow one and not the other).
///
/// A short read is an error, not a success (py-spy accepts it; a truncated struct decodes as garbage).
package final class LiveMemory: MemorySource, @unchecked Sendable {
    package let pid: ProcessID
    /// `/proc/PID/mem`, opened lazily the first time the syscall path fails. Guarded by `lock`.
    private var memFile: Int32 = -1
    private var useMemFile = false
    private let lock = Mutex()

    package init(pid: ProcessID) { self.pid = pid }

    deinit {
        if memFile >= 0 { close(memFile) }
    }

    package func read(_ address: RemoteAddress, into buffer: UnsafeMutableRawBufferPointer) throws(MemoryReadError) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        if !lock.withLock({ useMemFile }) {
            var range = swiftspy_read_range(remote_address: address.rawValue, local_buffer: base, length: buffer.count)
            let got = swiftspy_process_vm_readv(pid, &range, 1)
            if got == buffer.count { return }
            if got >= 0 { throw .shortRead(address, wanted: buffer.count, got: got) }
            let code = swiftspy_errno()
            switch code {
            case ENOSYS, EPERM:
                // Try the file interface before giving up: EPERM here can be a seccomp or LSM policy on the
                // syscall alone.
                lock.withLock { useMemFile = true }
            default:
                throw Self.error(for: code, pid: pid, address: address, count: buffer.count)
            }
        }
        try readThroughMemFile(address, base: base, count: buffer.count)
    }

    /// One `process_vm_readv` per 1024 ranges (the kernel's `IOV_MAX`). The kernel stops at the first range
    /// it cannot read completely, so the count of complete ranges follows from the bytes returned.
    package func readRanges(_ ranges: ArraySlice<RemoteRange>, into buffer: UnsafeMutableRawPointer) -> Int {
        if lock.withLock({ useMemFile }) { return readRangesOneByOne(ranges, into: buffer) }
        var done = 0
        var offset = 0
        var next = ranges.startIndex
        while next < ranges.endIndex {
            let batch = ranges[next..<min(next + Self.maxRangesPerCall, ranges.endIndex)]
            let wanted = batch.reduce(0) { $0 + $1.length }
            let got = withUnsafeTemporaryAllocation(of: swiftspy_read_range.self, capacity: batch.count) { iovecs in
                var local = offset
                for (index, range) in batch.enumerated() {
                    iovecs[index] = swiftspy_read_range(
                        remote_address: range.start, local_buffer: buffer + local,
                        length: range.length)
                    local += range.length
                }
                return swiftspy_process_vm_readv(pid, iovecs.baseAddress, batch.count)
            }
            if got == wanted {
                done += batch.count
                offset += wanted
                next = batch.endIndex
                continue
            }
            if got < 0, [ENOSYS, EPERM].contains(swiftspy_errno()) {
                lock.withLock { useMemFile = true }
                return done + readRangesOneByOne(ranges[next...], into: buffer + offset)
            }
            var remaining = max(got, 0)
            for range in batch {
                guard remaining >= range.length else { break }
                remaining -= range.length
                done += 1
            }
            break
        }
        return done
    }

    private static var maxRangesPerCall: Int { 1024 }

    private func readThroughMemFile(_ address: RemoteAddress, base: UnsafeMutableRawPointer, count: Int)
        throws(MemoryReadError)
    {
        let fd: Int32 = lock.withLock {
            if memFile < 0 { memFile = open("/proc/\(pid)/mem", O_RDONLY | O_CLOEXEC) }
            return memFile
        }
        guard fd >= 0 else {
            let code = errno
            throw code == ENOENT ? .processExited(pid) : Self.error(for: code, pid: pid, address: address, count: count)
        }
        let got = swiftspy_pread_full(fd, base, count, address.rawValue)
        if got == count { return }
        if got >= 0 { throw .shortRead(address, wanted: count, got: got) }
        throw Self.error(for: swiftspy_errno(), pid: pid, address: address, count: count)
    }

    static func error(for code: Int32, pid: ProcessID, address: RemoteAddress, count: Int) -> MemoryReadError {
        switch code {
        case EFAULT, EIO: return .badAddress(address, count: count)
        case ESRCH: return .processExited(pid)
        case EPERM, EACCES: return .permissionDenied(pid)
        default: return .systemError(errno: code)
        }
    }
}
