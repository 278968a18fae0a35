/// Why a read of another process's memory failed.
package enum MemoryReadError: Error, Equatable, Sendable {
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
package protocol MemorySource: Sendable {
    /// Fills `buffer` with the bytes at `address`, or throws: a partial read is an error.
    func read(_ address: RemoteAddress, into buffer: UnsafeMutableRawBufferPointer) throws(MemoryReadError)

    /// Reads `ranges` back to back into `buffer` (which holds at least their total length) and returns how many
    /// leading ranges were read completely: reading stops at the first that fails. (A requirement, so that live
    /// memory's one vectored syscall is used even from generic code.)
    func readRanges(_ ranges: ArraySlice<RemoteRange>, into buffer: UnsafeMutableRawPointer) -> Int

    /// The prefetched copy of the memory around `address`, when there is one (a read there costs no syscall);
    /// valid until the sample ends. A caller walking many small records (a frame chain) reads them straight from
    /// it, and one that would otherwise read a larger neighbourhood to save later calls reads just what it needs.
    /// What is read from the region is not remembered for the next prefetch until `keepPrefetched` names it.
    func prefetchedRegion(containing address: RemoteAddress) -> PrefetchedRegion?

    /// Asks that the part of `range` prefetched together with `address` be prefetched again next time, though
    /// nothing read it now: a hint for memory likely to be used soon, like the free space just above the
    /// innermost frame of a data stack. Only what was readable this time is kept, so the hint never makes a
    /// prefetch fail.
    func keepPrefetched(_ range: RemoteRange, around address: RemoteAddress)
}

extension MemorySource {
    /// Reads `count` bytes. Sizes come from the target, so the caller bounds them first.
    package func readBytes(_ address: RemoteAddress, count: Int) throws(MemoryReadError) -> [UInt8] {
        guard count > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: count)
        var failure: MemoryReadError?
        bytes.withUnsafeMutableBytes { buffer in
            do throws(MemoryReadError) { try read(address, into: buffer) } catch { failure = error }
        }
        if let failure { throw failure }
        return bytes
    }

    /// Reads `count` bytes onto the end of `bytes` (through a stack buffer: no allocation once `bytes` has room).
    package func read(_ address: RemoteAddress, count: Int, appendingTo bytes: inout [UInt8]) throws(MemoryReadError) {
        guard count > 0 else { return }
        var failure: MemoryReadError?
        withUnsafeTemporaryAllocation(byteCount: count, alignment: 8) { buffer in
            do throws(MemoryReadError) {
                try read(address, into: buffer)
                bytes.append(contentsOf: buffer)
            } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Reads one little-endian integer of type `T`.
    package func readInteger<T: FixedWidthInteger>(_ address: RemoteAddress, as _: T.Type = T.self)
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
    package func readPointer(_ address: RemoteAddress) throws(MemoryReadError) -> RemoteAddress {
        RemoteAddress(try readInteger(address, as: UInt64.self))
    }
}

/// A copy of a region of the target, read once and then decoded field by field without further syscalls.
package struct RemoteBlock: Sendable {
    package let base: RemoteAddress
    package let bytes: [UInt8]

    package init(base: RemoteAddress, bytes: [UInt8]) {
        self.base = base
        self.bytes = bytes
    }

    /// Reads the block in one call.
    package init(from memory: some MemorySource, at base: RemoteAddress, count: Int) throws(MemoryReadError) {
        self.base = base
        self.bytes = try memory.readBytes(base, count: count)
    }

    /// The little-endian integer at `offset`, or nil when it lies outside the block.
    package func integer<T: FixedWidthInteger>(at offset: Int, as _: T.Type = T.self) -> T? {
        let size = MemoryLayout<T>.size
        guard offset >= 0, offset <= bytes.count - size else { return nil }
        var value = T.zero
        bytes.withUnsafeBytes { raw in
            withUnsafeMutableBytes(of: &value) {
                $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[offset..<offset + size]))
            }
        }
        return T(littleEndian: value)
    }

    /// The pointer at `offset`, or nil when it lies outside the block.
    package func pointer(at offset: Int) -> RemoteAddress? {
        integer(at: offset, as: UInt64.self).map { RemoteAddress(rawValue: $0) }
    }
}

extension MemorySource {
    /// The default: nothing is prefetched.
    package func prefetchedRegion(containing address: RemoteAddress) -> PrefetchedRegion? { nil }

    /// The default: nothing is prefetched, so there is nothing to keep.
    package func keepPrefetched(_ range: RemoteRange, around address: RemoteAddress) {}

    /// The default: one read per range.
    package func readRanges(_ ranges: ArraySlice<RemoteRange>, into buffer: UnsafeMutableRawPointer) -> Int {
        readRangesOneByOne(ranges, into: buffer)
    }

    /// `readRanges` with one read per range.
    package func readRangesOneByOne(_ ranges: ArraySlice<RemoteRange>, into buffer: UnsafeMutableRawPointer) -> Int {
        var offset = 0
        var done = 0
        for range in ranges {
            do throws(MemoryReadError) {
                try read(
                    RemoteAddress(range.start),
                    into: UnsafeMutableRawBufferPointer(start: buffer + offset, count: range.length))
            } catch { break }
            offset += range.length
            done += 1
        }
        return done
    }

    /// Reads `size` bytes at each address (at most 1024 of them), appending them to `buffer` in order, and
    /// returns how many records were read completely; reading stops at the first failure. Records close
    /// together (interpreter frames share a data-stack chunk; heap objects are often neighbours) are read as one
    /// range; when that fails (a gap crossed unmapped memory, or a record is bad) each record gets its own
    /// range, which stops at the first bad record.
    package func readRecords(at addresses: ArraySlice<RemoteAddress>, size: Int, appendingTo buffer: inout [UInt8])
        -> Int
    {
        guard size > 0, !addresses.isEmpty else { return 0 }
        let records = addresses.prefix(1024)
        let clusters = RangeClusters(records: records, size: size)
        if clusters.ranges.count < records.count {
            var scratch = [UInt8](repeating: 0, count: clusters.totalBytes)
            let got = scratch.withUnsafeMutableBytes { raw in
                raw.baseAddress.map { readRanges(clusters.ranges[...], into: $0) } ?? 0
            }
            if got == clusters.ranges.count {
                for address in records {
                    guard let offset = clusters.scratchOffset(of: address.rawValue, length: size) else { break }
                    buffer.append(contentsOf: scratch[offset..<offset + size])
                }
                return records.count
            }
        }
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: records.count * size))
        let ranges = records.map { RemoteRange($0, length: size) }
        let complete = buffer.withUnsafeMutableBytes { raw in
            raw.baseAddress.map { readRanges(ranges[...], into: $0 + start) } ?? 0
        }
        buffer.removeLast((records.count - complete) * size)
        return complete
    }
}

/// A stretch of the target's memory already copied into this process: `bytes` hold what is at `start` onwards.
package struct PrefetchedRegion {
    package let start: RemoteAddress
    package let bytes: UnsafeRawBufferPointer

    package init(start: RemoteAddress, bytes: UnsafeRawBufferPointer) {
        self.start = start
        self.bytes = bytes
    }

    /// The `count` bytes at `address`, or nil when they are not all inside the region.
    package func bytes(at address: RemoteAddress, count: Int) -> UnsafeRawBufferPointer? {
        guard address >= start, count >= 0 else { return nil }
        let offset = address.rawValue - start.rawValue
        guard offset <= UInt64(bytes.count), UInt64(count) <= UInt64(bytes.count) - offset else { return nil }
        return UnsafeRawBufferPointer(rebasing: bytes[Int(offset)..<Int(offset) + count])
    }
}
