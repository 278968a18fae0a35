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

/// Reads a chain of frames (each frame holding the address of the next, older one), or any such linked list
/// of fixed-size records (the thread list). A warm sampler's memory is a `PrefetchingMemory`: the frames of the
/// last sample were read in one call at the start of this one, so following the links here costs no syscall.
/// Frames not prefetched (the first walk, as in `dump`; a stack that grew) are read with their neighbours.
struct FrameChainReader<Memory: MemorySource> {
    let memory: Memory

    /// The headers of the chain that starts at `innermost`, following the pointer at `linkOffset`.
    ///
    /// `growsUpward`: the chain lives in a data stack (3.11+ interpreter frames), where a call pushes its frame
    /// just above the innermost one. The read of the innermost frame then also covers `growthAllowance` bytes
    /// above it, and that neighbourhood stays in the prefetch while it is readable, so a stack that grew by a
    /// call or two since the last sample costs no extra syscall.
    func read(from innermost: RemoteAddress, stride: Int, linkOffset: Int, limit: Int, growsUpward: Bool = false,
              what: String = "frame chain") throws(MemoryReadError) -> FrameHeaders
    {
        var headers = FrameHeaders(stride: stride)
        headers.addresses.reserveCapacity(Self.typicalDepth)
        headers.bytes.reserveCapacity(Self.typicalDepth * stride)
        var current = innermost
        var window: RemoteBlock?
        while !current.isNull {
            guard headers.addresses.count < limit else {
                throw .implausibleSize(what: what, size: headers.addresses.count)
            }
            let above = growsUpward && headers.addresses.isEmpty ? Self.growthAllowance : 0
            if let region = memory.prefetchedRegion(containing: current), region.bytes(at: current, count: stride) != nil {
                current = try readPrefetched(from: current, in: region, above: above, linkOffset: linkOffset,
                                             limit: limit, what: what, into: &headers)
                continue
            }
            headers.bytes.append(contentsOf: try readCold(current, stride: stride, above: above, window: &window))
            headers.addresses.append(current)
            current = headers.pointer(headers.addresses.count - 1, at: linkOffset)
        }
        return headers
    }

    /// Follows the chain from `first` for as long as it stays inside `region`, reading each header straight from
    /// the prefetched copy, and returns the first address outside it (or null). The span the frames cover (with
    /// `above` bytes over the first) is kept for the next prefetch as one range.
    private func readPrefetched(from first: RemoteAddress, in region: PrefetchedRegion, above: Int, linkOffset: Int,
                                limit: Int, what: String, into headers: inout FrameHeaders)
        throws(MemoryReadError) -> RemoteAddress
    {
        let stride = headers.stride
        var current = first
        var low = first.rawValue
        var high = first.rawValue &+ UInt64(stride + above)
        while let bytes = region.bytes(at: current, count: stride) {
            guard headers.addresses.count < limit else {
                throw .implausibleSize(what: what, size: headers.addresses.count)
            }
            // As typed bytes, so the append is one copy rather than a loop over a raw sequence.
            bytes.withMemoryRebound(to: UInt8.self) { headers.bytes.append(contentsOf: $0) }
            headers.addresses.append(current)
            low = min(low, current.rawValue)
            high = max(high, current.rawValue + UInt64(stride))
            current = headers.pointer(headers.addresses.count - 1, at: linkOffset)
            if current.isNull { break }
        }
        memory.keepPrefetched(RemoteRange(start: low, length: Int(high - low)), around: RemoteAddress(low))
        return current
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

    /// Room reserved up front, so that a chain of ordinary depth is gathered without regrowing its buffers.
    private static var typicalDepth: Int { 64 }
    private static var pageSize: Int { 4096 }
    /// How much is read below a frame not prefetched: two pages.
    private static var windowSize: Int { 8192 }
    /// How far above the innermost frame of a data stack is read ahead: room for a few more calls' frames.
    static var growthAllowance: Int { 2048 }
}
