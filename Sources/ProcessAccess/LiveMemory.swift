import CLinuxShims
#if canImport(Glibc)
import Glibc
#endif

/// Reads a live process's memory with `process_vm_readv`, falling back to `/proc/PID/mem` when the syscall is
/// unavailable or refused (some hardened kernels allow one and not the other).
///
/// A short read is an error, not a success (py-spy accepts it; a truncated struct decodes as garbage).
public final class LiveMemory: MemorySource, @unchecked Sendable {
    public let pid: ProcessID
    /// `/proc/PID/mem`, opened lazily the first time the syscall path fails. Guarded by `lock`.
    private var memFile: Int32 = -1
    private var useMemFile = false
    private let lock = Mutex()

    public init(pid: ProcessID) { self.pid = pid }

    deinit {
        if memFile >= 0 { close(memFile) }
    }

    public func read(_ address: RemoteAddress, into buffer: UnsafeMutableRawBufferPointer) throws(MemoryReadError) {
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

    /// Reads many small records in one `process_vm_readv`. Records that lie close together (interpreter
    /// frames share a data-stack chunk; heap objects are often neighbours) are merged into one contiguous range:
    /// the kernel pins every page of every range, so a few pages in one range cost far less than one range per
    /// record. When the merged read fails (a gap crossed unmapped memory, or a record is bad) it falls back to
    /// one range per record, which stops at the first bad record as the protocol requires.
    public func readRecords(at addresses: ArraySlice<RemoteAddress>, size: Int, appendingTo buffer: inout [UInt8])
        -> Int
    {
        guard size > 0, !addresses.isEmpty else { return 0 }
        if lock.withLock({ useMemFile }) { return readRecordsOneByOne(at: addresses, size: size, appendingTo: &buffer) }
        let records = Array(addresses.prefix(1024))
        let clusters = RecordClusters(records, size: size)
        if clusters.ranges.count < records.count, let scratch = readClusters(clusters) {
            for address in records {
                guard let offset = clusters.scratchOffset(of: address) else { break }
                buffer.append(contentsOf: scratch[offset..<offset + size])
            }
            return records.count
        }
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: records.count * size))
        let got = buffer.withUnsafeMutableBytes { raw -> Int in
            guard let base = raw.baseAddress else { return 0 }
            let ranges = records.enumerated().map { index, address in
                swiftspy_read_range(remote_address: address.rawValue, local_buffer: base + start + index * size,
                                    length: size)
            }
            return ranges.withUnsafeBufferPointer { swiftspy_process_vm_readv(pid, $0.baseAddress, $0.count) }
        }
        let complete = got > 0 ? got / size : 0
        buffer.removeLast((records.count - complete) * size)
        return complete
    }

    /// Reads every cluster range completely, or returns nil.
    private func readClusters(_ clusters: RecordClusters) -> [UInt8]? {
        var scratch = [UInt8](repeating: 0, count: clusters.totalBytes)
        let wanted = clusters.totalBytes
        let got = scratch.withUnsafeMutableBytes { raw -> Int in
            guard let base = raw.baseAddress else { return 0 }
            var offset = 0
            let ranges = clusters.ranges.map { range -> swiftspy_read_range in
                defer { offset += range.length }
                return swiftspy_read_range(remote_address: range.start, local_buffer: base + offset, length: range.length)
            }
            return ranges.withUnsafeBufferPointer { swiftspy_process_vm_readv(pid, $0.baseAddress, $0.count) }
        }
        return got == wanted ? scratch : nil
    }

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
