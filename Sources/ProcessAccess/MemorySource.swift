/// Why a read of another process's memory failed.
public enum MemoryReadError: Error, Equatable, Sendable {
    /// The range is not (or no longer) mapped: an ordinary race in a profiler, or a garbage pointer.
    case badAddress(RemoteAddress, count: Int)
    /// The process is gone.
    case processExited(ProcessID)
    /// The kernel refused: not allowed to read this process (ptrace access rules).
    case permissionDenied(ProcessID)
    /// Fewer bytes came back than were asked for (the mapping ended inside the range).
    case shortRead(RemoteAddress, wanted: Int, got: Int)
    /// A length read from the target is not believable (corrupt or changing data).
    case implausibleSize(what: String, size: Int)
    /// Any other errno.
    case systemError(errno: Int32)
}

/// Where bytes of the target's memory come from: the live process, a cache, a core file, or fake memory in
/// tests. Every decoder reads through this one protocol.
public protocol MemorySource: Sendable {
    /// Fills `buffer` with the bytes at `address`, or throws: a partial read is an error.
    func read(_ address: RemoteAddress, into buffer: UnsafeMutableRawBufferPointer) throws(MemoryReadError)

    /// Reads `size` bytes at each address, appending them to `buffer` in order, and returns how many records
    /// were read completely; reading stops at the first failure. (A requirement, so that live memory's one
    /// vectored syscall is used even from generic code.)
    func readRecords(at addresses: ArraySlice<RemoteAddress>, size: Int, appendingTo buffer: inout [UInt8]) -> Int
}

extension MemorySource {
    /// Reads `count` bytes. Sizes come from the target, so the caller bounds them first.
    public func readBytes(_ address: RemoteAddress, count: Int) throws(MemoryReadError) -> [UInt8] {
        guard count > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: count)
        var failure: MemoryReadError?
        bytes.withUnsafeMutableBytes { buffer in
            do throws(MemoryReadError) { try read(address, into: buffer) } catch { failure = error }
        }
        if let failure { throw failure }
        return bytes
    }

    /// Reads one little-endian integer of type `T`.
    public func readInteger<T: FixedWidthInteger>(_ address: RemoteAddress, as _: T.Type = T.self)
        throws(MemoryReadError) -> T
    {
        var value = T.zero
        var failure: MemoryReadError?
        withUnsafeMutableBytes(of: &value) { buffer in
            do throws(MemoryReadError) { try read(address, into: buffer) } catch { failure = error }
        }
        if let failure { throw failure }
        return T(littleEndian: value)
    }

    /// Reads one pointer-sized word and returns it as an address (which may be null or garbage).
    public func readPointer(_ address: RemoteAddress) throws(MemoryReadError) -> RemoteAddress {
        RemoteAddress(try readInteger(address, as: UInt64.self))
    }
}

/// A copy of a region of the target, read once and then decoded field by field without further syscalls.
public struct RemoteBlock: Sendable {
    public let base: RemoteAddress
    public let bytes: [UInt8]

    public init(base: RemoteAddress, bytes: [UInt8]) {
        self.base = base
        self.bytes = bytes
    }

    /// Reads the block in one call.
    public init(from memory: some MemorySource, at base: RemoteAddress, count: Int) throws(MemoryReadError) {
        self.base = base
        self.bytes = try memory.readBytes(base, count: count)
    }

    /// The little-endian integer at `offset`, or nil when it lies outside the block.
    public func integer<T: FixedWidthInteger>(at offset: Int, as _: T.Type = T.self) -> T? {
        let size = MemoryLayout<T>.size
        guard offset >= 0, offset <= bytes.count - size else { return nil }
        var value = T.zero
        bytes.withUnsafeBytes { raw in
            withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[offset..<offset + size])) }
        }
        return T(littleEndian: value)
    }

    /// The pointer at `offset`, or nil when it lies outside the block.
    public func pointer(at offset: Int) -> RemoteAddress? {
        integer(at: offset, as: UInt64.self).map { RemoteAddress(rawValue: $0) }
    }
}

extension MemorySource {
    /// The default: one read per record.
    public func readRecords(at addresses: ArraySlice<RemoteAddress>, size: Int, appendingTo buffer: inout [UInt8]) -> Int {
        readRecordsOneByOne(at: addresses, size: size, appendingTo: &buffer)
    }

    /// `readRecords` with one read per record.
    public func readRecordsOneByOne(at addresses: ArraySlice<RemoteAddress>, size: Int, appendingTo buffer: inout [UInt8])
        -> Int
    {
        var done = 0
        for address in addresses {
            guard let bytes = try? readBytes(address, count: size) else { break }
            buffer.append(contentsOf: bytes)
            done += 1
        }
        return done
    }
}
