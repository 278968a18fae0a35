/// Answers a sample's reads from one vectored `process_vm_readv` made at its start.
///
/// A running program's thread states, frames and interpreter fields mostly stay where they were between two
/// samples taken a millisecond apart, even while their contents change. So every range read during a sample is
/// remembered (its footprint); the next sample begins by reading all of them at once, merged into a few
/// clusters, and then serves each read from that copy. A read the copy does not cover (a new frame, a new
/// thread) goes to the process as before and joins the footprint for next time. A warm sample of any number of
/// threads thus costs one syscall (or a few, beyond 1024 clusters) instead of one per structure.
///
/// The copy is taken at the start of the sample, after any pause, so what it serves is as current as a direct
/// read would be — and more consistent, since it is one snapshot rather than many. Outside `beginSample()` /
/// `endSample()` every read goes straight to the process. One sample at a time: not for concurrent use.
package final class PrefetchingMemory<Base: MemorySource>: MemorySource, @unchecked Sendable {
    package let base: Base
    /// What the last prefetch did, for tests and benchmarks.
    package private(set) var lastPrefetch = PrefetchStatistics()

    /// The ranges read successfully during the current sample.
    private var footprint: [RemoteRange] = []
    /// The previous footprint: the input of this sample's clusters (kept to reuse its storage).
    private var previousFootprint: [RemoteRange] = []
    private var clusters = RangeClusters()
    /// The footprint `clusters` were built from, and whether `tightSpans` changed since: a steady sampler reads
    /// the same ranges sample after sample, and then the clusters need no rebuilding.
    private var clusteredFootprint: [RemoteRange] = []
    private var tightSpansChanged = false
    /// Which clusters this sample's prefetch read completely.
    private var loaded: [Bool] = []
    private var scratch = UnsafeMutableRawBufferPointer(start: nil, count: 0)
    private var lastHit = 0
    /// The cluster the last footprint entry was served from, if it was.
    private var lastRememberedCluster: Int?
    /// Spans of clusters that failed to read though their parts were readable: a merge crossed unmapped memory.
    /// Their parts are no longer merged across gaps. Sorted by address; bounded.
    private var tightSpans: [RemoteRange] = []
    private var isSampling = false

    /// Past these the footprint stops growing: a sample that reads this much (a huge `dump --locals`) is not
    /// worth replaying, and memory stays bounded.
    static var maxFootprintRanges: Int { 8192 }
    static var maxPrefetchBytes: Int { 4 << 20 }
    /// Clusters that fail are skipped and the rest re-read, at most this many calls per prefetch.
    static var maxPrefetchCalls: Int { 4 }
    static var maxTightSpans: Int { 64 }

    package init(base: Base) { self.base = base }

    deinit { scratch.deallocate() }

    /// Starts a sample: reads everything the previous sample read, in as few calls as possible.
    package func beginSample() {
        swap(&footprint, &previousFootprint)
        footprint.removeAll(keepingCapacity: true)
        if tightSpansChanged || previousFootprint != clusteredFootprint {
            clusters.rebuild(from: previousFootprint, tight: tightSpans)
            clusteredFootprint.removeAll(keepingCapacity: true)
            clusteredFootprint.append(contentsOf: previousFootprint)
            tightSpansChanged = false
        }
        loaded.removeAll(keepingCapacity: true)
        loaded.append(contentsOf: repeatElement(false, count: clusters.ranges.count))
        lastHit = 0
        lastRememberedCluster = nil
        isSampling = true
        lastPrefetch = PrefetchStatistics(clusters: clusters.ranges.count, bytes: clusters.totalBytes)
        guard !clusters.ranges.isEmpty, clusters.totalBytes <= Self.maxPrefetchBytes else { return }
        reserveScratch(clusters.totalBytes)
        guard let buffer = scratch.baseAddress else { return }
        var next = 0
        while next < clusters.ranges.count, lastPrefetch.calls < Self.maxPrefetchCalls {
            let got = base.readRanges(clusters.ranges[next...], into: buffer + clusters.scratchOffsets[next])
            lastPrefetch.calls += 1
            for index in next..<next + got { loaded[index] = true }
            if next + got < clusters.ranges.count { noteFailure(of: clusters.ranges[next + got]) }
            next += got + 1  // the cluster after the complete ones failed: skip it
        }
    }

    /// Remembers a failed cluster's span, so that if it was made of several reads (which each succeeded last
    /// time) they are not merged across the same hole again.
    private func noteFailure(of cluster: RemoteRange) {
        if tightSpans.count >= Self.maxTightSpans { tightSpans.removeFirst() }
        tightSpans.append(cluster)
        tightSpans.sort { $0.start < $1.start }
        tightSpansChanged = true
    }

    /// Ends the sample: later reads go straight to the process until the next `beginSample()`.
    package func endSample() { isSampling = false }

    package func read(_ address: RemoteAddress, into buffer: UnsafeMutableRawBufferPointer) throws(MemoryReadError) {
        guard isSampling, buffer.count > 0 else { return try base.read(address, into: buffer) }
        if let source = prefetchedBytes(address, count: buffer.count) {
            buffer.copyMemory(from: source)
        } else {
            try base.read(address, into: buffer)
            lastPrefetch.missed += 1
            remember(RemoteRange(address, length: buffer.count), cluster: nil)
        }
    }

    package func readRanges(_ ranges: ArraySlice<RemoteRange>, into buffer: UnsafeMutableRawPointer) -> Int {
        guard isSampling else { return base.readRanges(ranges, into: buffer) }
        var offset = 0
        for (index, range) in ranges.enumerated() {
            guard let source = prefetchedBytes(RemoteAddress(range.start), count: range.length)?.baseAddress else {
                // Not all held: the rest in one call to the process.
                let rest = ranges.dropFirst(index)
                let got = base.readRanges(rest, into: buffer + offset)
                lastPrefetch.missed += 1
                for read in rest.prefix(got) { remember(read, cluster: nil) }
                return index + got
            }
            (buffer + offset).copyMemory(from: source, byteCount: range.length)
            offset += range.length
        }
        return ranges.count
    }

    package func prefetchedRegion(containing address: RemoteAddress) -> PrefetchedRegion? {
        guard isSampling, let index = clusters.index(covering: address.rawValue, length: 1, hint: lastHit),
            loaded[index], let buffer = scratch.baseAddress
        else { return nil }
        lastHit = index
        let cluster = clusters.ranges[index]
        return PrefetchedRegion(
            start: RemoteAddress(cluster.start),
            bytes: UnsafeRawBufferPointer(
                start: buffer + clusters.scratchOffsets[index],
                count: cluster.length))
    }

    /// The `count` bytes at `address` from the prefetched copy, counted as read (they join the footprint), or
    /// nil when they are not all there. Valid until the sample ends.
    package func prefetchedBytes(_ address: RemoteAddress, count: Int) -> UnsafeRawBufferPointer? {
        guard isSampling, count > 0,
            let index = clusters.index(covering: address.rawValue, length: count, hint: lastHit),
            loaded[index], let buffer = scratch.baseAddress
        else { return nil }
        lastHit = index
        lastPrefetch.served += 1
        remember(RemoteRange(address, length: count), cluster: index)
        let offset = clusters.scratchOffsets[index] + Int(address.rawValue - clusters.ranges[index].start)
        return UnsafeRawBufferPointer(start: buffer + offset, count: count)
    }

    package func keepPrefetched(_ range: RemoteRange, around address: RemoteAddress) {
        guard isSampling, let index = clusters.index(covering: address.rawValue, length: 1, hint: lastHit),
            loaded[index]
        else { return }
        let cluster = clusters.ranges[index]
        let start = max(cluster.start, range.start)
        let end = min(cluster.start + UInt64(cluster.length), range.start &+ UInt64(range.length))
        if end > start { remember(RemoteRange(start: start, length: Int(end - start)), cluster: index) }
    }

    /// Adds a read to the footprint. Consecutive reads served from one cluster, and close enough that
    /// `RangeClusters` would merge them anyway, become one range spanning them: the cluster was read whole, so
    /// the span is readable, and a walk of fifty frames leaves one range to replay instead of fifty.
    private func remember(_ range: RemoteRange, cluster: Int?) {
        if let cluster, cluster == lastRememberedCluster, let last = footprint.last {
            let start = min(last.start, range.start)
            let end = max(last.start + UInt64(last.length), range.start + UInt64(range.length))
            let gap = UInt64(RangeClusters.maxGap)
            let lastEnd = last.start &+ UInt64(last.length), rangeEnd = range.start &+ UInt64(range.length)
            if range.start <= lastEnd &+ gap, last.start <= rangeEnd &+ gap {
                footprint[footprint.count - 1] = RemoteRange(start: start, length: Int(end - start))
                return
            }
        }
        guard footprint.count < Self.maxFootprintRanges else { return lastRememberedCluster = nil }
        footprint.append(range)
        lastRememberedCluster = cluster
    }

    /// Grows the scratch buffer to hold `bytes` (geometrically, so a footprint that creeps up reallocates
    /// rarely).
    private func reserveScratch(_ bytes: Int) {
        guard scratch.count < bytes else { return }
        scratch.deallocate()
        scratch = .allocate(byteCount: min(max(bytes, 2 * scratch.count), Self.maxPrefetchBytes), alignment: 16)
    }
}

/// What one prefetch did: how many clusters and bytes it read in how many calls, and how many of the sample's
/// reads it then served or missed.
package struct PrefetchStatistics: Sendable, Equatable {
    package var clusters = 0
    package var bytes = 0
    package var calls = 0
    package var served = 0
    package var missed = 0

    package init(clusters: Int = 0, bytes: Int = 0, calls: Int = 0, served: Int = 0, missed: Int = 0) {
        self.clusters = clusters
        self.bytes = bytes
        self.calls = calls
        self.served = served
        self.missed = missed
    }
}
