import ProcessAccess

/// The raw headers of one thread's frames, innermost first, as read from the target.
struct FrameHeaders {
    var addresses: [RemoteAddress] = []
    /// `stride` bytes per frame, in the same order as `addresses`.
    var bytes: [UInt8] = []
    let stride: Int

    func integer<T: FixedWidthInteger>(_ index: Int, at offset: Int, as _: T.Type = T.self) -> T? {
        let start = index * stride + offset
        guard offset >= 0, offset + MemoryLayout<T>.size <= stride, start + MemoryLayout<T>.size <= bytes.count else {
            return nil
        }
        return bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: start, as: T.self) }.littleEndian
    }

    func pointer(_ index: Int, at offset: Int) -> RemoteAddress {
        RemoteAddress(integer(index, at: offset, as: UInt64.self) ?? 0)
    }
}

/// Reads a chain of frames (each frame holding the address of the next, older one) with as few syscalls as
/// possible. A thread's stack mostly keeps its outer frames from one sample to the next, so the addresses of
/// the last walk are read speculatively in one vectored `process_vm_readv`, and then checked link by link:
/// where the real chain departs from the guess, walking goes on one read at a time. A 50-frame stack whose
/// outer frames did not move costs one syscall instead of fifty.
final class FrameChainReader<Memory: MemorySource>: @unchecked Sendable {
    private let memory: Memory
    private var lastChains: [RemoteAddress: [RemoteAddress]] = [:]
    private var lastIndex: [RemoteAddress: [RemoteAddress: Int]] = [:]

    init(memory: Memory) { self.memory = memory }

    /// The headers of the chain that starts at `innermost`, following the pointer at `linkOffset`.
    /// `key` identifies the thread whose previous walk seeds the guess.
    func read(from innermost: RemoteAddress, stride: Int, linkOffset: Int, key: RemoteAddress, limit: Int,
              what: String = "frame chain") throws(MemoryReadError) -> FrameHeaders
    {
        var headers = FrameHeaders(stride: stride)
        let guess = lastChains[key] ?? []
        let guessIndex = lastIndex[key] ?? [:]
        var current = innermost
        var window: RemoteBlock?
        while !current.isNull {
            guard headers.addresses.count < limit else {
                throw .implausibleSize(what: what, size: headers.addresses.count)
            }
            if let start = current == guess.first ? 0 : guessIndex[current] {
                let slice = guess[start...].prefix(limit - headers.addresses.count)
                let got = memory.readRecords(at: slice, size: stride, appendingTo: &headers.bytes)
                if got > 0 {
                    var kept = 0
                    for (offset, address) in slice.prefix(got).enumerated() {
                        headers.addresses.append(address)
                        kept += 1
                        current = headers.pointer(headers.addresses.count - 1, at: linkOffset)
                        let expected = offset + 1 < slice.count ? slice[slice.startIndex + offset + 1] : .null
                        if current != expected { break }  // the real chain leaves the guess here
                    }
                    headers.bytes.removeLast((got - kept) * stride)
                    continue
                }
            }
            headers.bytes.append(contentsOf: try readUnguessed(current, stride: stride, window: &window))
            headers.addresses.append(current)
            current = headers.pointer(headers.addresses.count - 1, at: linkOffset)
        }
        remember(headers.addresses, for: key)
        return headers
    }

    /// A frame with no guess to go on (the first walk of a thread, as in `dump`). Interpreter frames (3.11+)
    /// sit below one another in a data-stack chunk, so one read of the memory below the frame usually holds
    /// the next several frames too; it is kept as `window` and later frames are cut from it. When that larger
    /// read fails (the chunk begins just below) the frame alone is read.
    private func readUnguessed(_ address: RemoteAddress, stride: Int, window: inout RemoteBlock?)
        throws(MemoryReadError) -> [UInt8]
    {
        if let window, address >= window.base, address.rawValue - window.base.rawValue + UInt64(stride) <= UInt64(window.bytes.count) {
            let start = Int(address.rawValue - window.base.rawValue)
            return Array(window.bytes[start..<start + stride])
        }
        let below = Self.windowSize - stride
        if address.rawValue >= UInt64(below), let base = address.advanced(by: -below),
           let block = try? RemoteBlock(from: memory, at: base, count: Self.windowSize)
        {
            window = block
            return Array(block.bytes[below..<below + stride])
        }
        return try memory.readBytes(address, count: stride)
    }

    /// How much is read around an unguessed frame: two pages.
    private static var windowSize: Int { 8192 }

    private func remember(_ chain: [RemoteAddress], for key: RemoteAddress) {
        guard lastChains[key] != chain else { return }
        if lastChains.count > 4096 { lastChains.removeAll(); lastIndex.removeAll() }
        lastChains[key] = chain
        var index: [RemoteAddress: Int] = [:]
        index.reserveCapacity(chain.count)
        for (position, address) in chain.enumerated() where index[address] == nil { index[address] = position }
        lastIndex[key] = index
    }
}
