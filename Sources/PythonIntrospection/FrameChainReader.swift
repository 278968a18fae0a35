import ProcessAccess

/// Reads a chain of frames (each frame holding the address of the next, older one), or any such linked list
/// of fixed-size records (the thread list). A warm sampler's memory is a `PrefetchingMemory`: the frames of the
/// last sample were read in one call at the start of this one, so following the links here costs no syscall.
/// Frames not prefetched (the first walk, as in `dump`; a stack that grew) are read with their neighbours.
struct FrameChainReader<Memory: MemorySource> {
    let memory: Memory

    /// Calls `body` with each record of the chain that starts at `innermost`, innermost first: its address and
    /// its first `stride` bytes, which hold the pointer to the next record at `linkOffset`. The bytes are valid
    /// only during the call. Prefetched records are handed over in place, straight from the prefetched copy.
    ///
    /// `growsUpward`: the chain lives in a data stack (3.11+ interpreter frames), where a call pushes its frame
    /// just above the innermost one. The read of the innermost frame then also covers `growthAllowance` bytes
    /// above it, and that neighbourhood stays in the prefetch while it is readable, so a stack that grew by a
    /// call or two since the last sample costs no extra syscall.
    func forEach(from innermost: RemoteAddress, stride: Int, linkOffset: Int, limit: Int, growsUpward: Bool = false,
                 what: String = "frame chain",
                 _ body: (RemoteAddress, UnsafeRawBufferPointer) throws(MemoryReadError) -> Void)
        throws(MemoryReadError)
    {
        guard linkOffset >= 0, linkOffset + 8 <= stride else { throw .implausibleSize(what: what, size: stride) }
        var count = 0
        var current = innermost
        var window: RemoteBlock?
        while !current.isNull {
            guard count < limit else { throw .implausibleSize(what: what, size: count) }
            let above = growsUpward && count == 0 ? Self.growthAllowance : 0
            if let region = memory.prefetchedRegion(containing: current),
               region.bytes(at: current, count: stride) != nil
            {
                current = try forEachPrefetched(from: current, in: region, stride: stride, above: above,
                                                linkOffset: linkOffset, limit: limit, what: what, count: &count, body)
                continue
            }
            let bytes = try readCold(current, stride: stride, above: above, window: &window)
            var failure: MemoryReadError?
            bytes.withUnsafeBytes { raw in
                do throws(MemoryReadError) { try body(current, raw) } catch { failure = error }
            }
            if let failure { throw failure }
            count += 1
            current = Self.link(in: bytes, at: linkOffset)
        }
    }

    /// Follows the chain from `first` for as long as it stays inside `region`, handing each record to `body`
    /// straight from the prefetched copy, and returns the first address outside it (or null). The span the
    /// records cover (with `above` bytes over the first) is kept for the next prefetch as one range.
    private func forEachPrefetched(
        from first: RemoteAddress, in region: PrefetchedRegion, stride: Int, above: Int, linkOffset: Int, limit: Int,
        what: String, count: inout Int, _ body: (RemoteAddress, UnsafeRawBufferPointer) throws(MemoryReadError) -> Void
    ) throws(MemoryReadError) -> RemoteAddress {
        var current = first
        var low = first.rawValue
        var high = first.rawValue &+ UInt64(stride + above)
        while let bytes = region.bytes(at: current, count: stride) {
            guard count < limit else { throw .implausibleSize(what: what, size: count) }
            try body(current, bytes)
            count += 1
            low = min(low, current.rawValue)
            high = max(high, current.rawValue + UInt64(stride))
            current = RemoteAddress(bytes.loadUnaligned(fromByteOffset: linkOffset, as: UInt64.self).littleEndian)
            if current.isNull { break }
        }
        memory.keepPrefetched(RemoteRange(start: low, length: Int(high - low)), around: RemoteAddress(low))
        return current
    }

    private static func link(in bytes: [UInt8], at offset: Int) -> RemoteAddress {
        RemoteAddress(bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }.littleEndian)
    }

    /// A frame not prefetched (the first walk of a thread, as in `dump`). Interpreter frames (3.11+) sit below
    /// one another in a data-stack chunk, so one read of the memory below the frame (and `above` bytes above it)
    /// usually holds the next several frames too; it is kept as `window` and later frames are cut from it. When
    /// that larger read fails (the chunk begins just below, or ends just above) a smaller one is tried, and
    /// finally the frame's own pages, which are mapped whenever the frame is.
    private func readCold(_ address: RemoteAddress, stride: Int, above: Int, window: inout RemoteBlock?)
        throws(MemoryReadError) -> [UInt8]
    {
        if let window, address >= window.base,
           address.rawValue - window.base.rawValue + UInt64(stride) <= UInt64(window.bytes.count)
        {
            let start = Int(address.rawValue - window.base.rawValue)
            return Array(window.bytes[start..<start + stride])
        }
        let pageStart = address.rawValue & ~UInt64(Self.pageSize - 1)
        let ownPages = Int(address.rawValue - pageStart) + stride
        var candidates: [(below: Int, count: Int)] = [(Self.windowSize - stride, Self.windowSize)]
        if above > 0 { candidates.insert((Self.windowSize - stride, Self.windowSize + above), at: 0) }
        candidates.append((ownPages - stride, ownPages))
        for (below, count) in candidates {
            guard let base = address.advanced(by: -below),
                  let block = try? RemoteBlock(from: memory, at: base, count: count) else { continue }
            window = block
            return Array(block.bytes[below..<below + stride])
        }
        return try memory.readBytes(address, count: stride)
    }

    private static var pageSize: Int { 4096 }
    /// How much is read below a frame not prefetched: two pages.
    private static var windowSize: Int { 8192 }
    /// How far above the innermost frame of a data stack is read ahead: room for a few more calls' frames.
    static var growthAllowance: Int { 2048 }
}
