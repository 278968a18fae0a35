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
    /// There is no cap on the length: a chain that loops is caught by `CycleDetector` (`.cycle`), and `limit`
    /// only guards the caller's memory against an absurdly long chain (`.truncated`, the first `limit` records
    /// handed over).
    ///
    /// `growsUpward`: the chain lives in a data stack (3.11+ interpreter frames), where a call pushes its frame
    /// just above the innermost one. The read of the innermost frame then also covers `growthAllowance` bytes
    /// above it, and that neighbourhood stays in the prefetch while it is readable, so a stack that grew by a
    /// call or two since the last sample costs no extra syscall.
    @discardableResult
    func forEach(
        from innermost: RemoteAddress, stride: Int, linkOffset: Int, limit: Int, growsUpward: Bool = false,
        what: String = "frame chain",
        _ body: (RemoteAddress, UnsafeRawBufferPointer) throws(MemoryReadError) -> Void
    )
        throws(MemoryReadError) -> ChainEnd
    {
        guard linkOffset >= 0, linkOffset + 8 <= stride else { throw .implausibleSize(what: what, size: stride) }
        var progress = ChainProgress(limit: limit)
        var current = innermost
        var window: RemoteBlock?
        while !current.isNull {
            let above = growsUpward && progress.count == 0 ? Self.growthAllowance : 0
            if let region = memory.prefetchedRegion(containing: current),
                region.bytes(at: current, count: stride) != nil
            {
                var stop: ChainProgress.Stop?
                current = try forEachPrefetched(
                    from: current, in: region, stride: stride, above: above,
                    linkOffset: linkOffset, progress: &progress, stop: &stop, body)
                if let stop { return end(stop, innermost: innermost, linkOffset: linkOffset, progress: progress) }
                continue
            }
            if let stop = progress.stop(before: current) {
                return end(stop, innermost: innermost, linkOffset: linkOffset, progress: progress)
            }
            let bytes = try readCold(current, stride: stride, above: above, window: &window)
            var failure: MemoryReadError?
            bytes.withUnsafeBytes { raw in
                do throws(MemoryReadError) { try body(current, raw) } catch { failure = error }
            }
            if let failure { throw failure }
            progress.count += 1
            current = Self.link(in: bytes, at: linkOffset)
        }
        return .complete
    }

    /// Follows the chain from `first` for as long as it stays inside `region`, handing each record to `body`
    /// straight from the prefetched copy, and returns the first address outside it (or null), or sets `stop`
    /// when the chain loops or reaches the limit. The span the records cover (with `above` bytes over the
    /// first) is kept for the next prefetch as one range. The hot path of a warm sample: per record, one check
    /// of the loop detector and no allocation.
    private func forEachPrefetched(
        from first: RemoteAddress, in region: PrefetchedRegion, stride: Int, above: Int, linkOffset: Int,
        progress: inout ChainProgress, stop: inout ChainProgress.Stop?,
        _ body: (RemoteAddress, UnsafeRawBufferPointer) throws(MemoryReadError) -> Void
    ) throws(MemoryReadError) -> RemoteAddress {
        var current = first
        var low = first.rawValue
        var high = first.rawValue &+ UInt64(stride + above)
        while let bytes = region.bytes(at: current, count: stride) {
            if let reason = progress.stop(before: current) {
                stop = reason
                break
            }
            try body(current, bytes)
            progress.count += 1
            low = min(low, current.rawValue)
            high = max(high, current.rawValue + UInt64(stride))
            current = RemoteAddress(bytes.loadUnaligned(fromByteOffset: linkOffset, as: UInt64.self).littleEndian)
            if current.isNull { break }
        }
        memory.keepPrefetched(RemoteRange(start: low, length: Int(high - low)), around: RemoteAddress(low))
        return current
    }

    /// How a walk that stopped early ended. For a loop, how many records are distinct: Floyd's second phase
    /// over the links (one pointer `length` records ahead of the other, both stepped until they meet at the
    /// loop's entry, μ records in). Only a corrupt or changing chain gets here, so reading the links again costs
    /// nothing that matters; if they cannot be read, the first `length` records are distinct in any case.
    private func end(
        _ stop: ChainProgress.Stop, innermost: RemoteAddress, linkOffset: Int,
        progress: ChainProgress
    ) -> ChainEnd {
        switch stop {
        case .limit:
            return .truncated(after: progress.count)
        case .cycle(let length):
            func next(_ address: RemoteAddress) -> RemoteAddress? {
                guard let link = try? memory.readPointer(address + linkOffset), !link.isNull else { return nil }
                return link
            }
            var ahead = innermost
            for _ in 0..<length {
                guard let link = next(ahead) else { return .cycle(distinct: length) }
                ahead = link
            }
            var behind = innermost
            var entry = 0
            while behind != ahead, entry < progress.count {
                guard let inner = next(behind), let outer = next(ahead) else { return .cycle(distinct: length) }
                behind = inner
                ahead = outer
                entry += 1
            }
            return .cycle(distinct: behind == ahead ? min(entry + length, progress.count) : length)
        }
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
                let block = try? RemoteBlock(from: memory, at: base, count: count)
            else { continue }
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

/// Where a chain walk is: how many records were handed over, and the loop detector.
struct ChainProgress {
    enum Stop {
        /// The next record was handed over before; the loop is `length` records long.
        case cycle(length: Int)
        case limit
    }

    let limit: Int
    var count = 0
    private var detector = CycleDetector()

    init(limit: Int) { self.limit = limit }

    /// Whether the walk must stop before handing over the record at `address`.
    @inline(__always)
    mutating func stop(before address: RemoteAddress) -> Stop? {
        if let length = detector.revisits(address, index: count) { return .cycle(length: length) }
        return count >= limit ? .limit : nil
    }
}
