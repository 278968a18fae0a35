/// A stretch of the target's address space: `length` bytes from `start`.
package struct RemoteRange: Sendable, Equatable {
    package var start: UInt64
    package var length: Int

    package init(start: UInt64, length: Int) {
        self.start = start
        self.length = length
    }

    package init(_ address: RemoteAddress, length: Int) {
        self.init(start: address.rawValue, length: length)
    }
}

/// Groups ranges into few contiguous ones: ranges less than `maxGap` bytes apart share one cluster.
///
/// `process_vm_readv` costs about 1 µs per call plus about 0.4 µs per remote range (the kernel looks up and
/// pins the pages of each range separately), while copying another page costs under 0.1 µs: reading the gap
/// between two neighbours is much cheaper than a second range.
struct RangeClusters {
    /// The merged ranges, sorted by address and non-overlapping, laid out back to back in a scratch buffer.
    private(set) var ranges: [RemoteRange] = []
    /// Where each of `ranges` begins in the scratch buffer.
    private(set) var scratchOffsets: [Int] = []
    private(set) var totalBytes = 0

    /// Two ranges further apart than this stay separate (a page: merging across more would pin pages that hold
    /// nothing wanted, and risks crossing an unmapped hole).
    static let maxGap: UInt64 = 4096
    /// No cluster grows past this, so a pathological list cannot make us read megabytes in one range.
    static let maxClusterLength = 1 << 20

    init() {}

    init(_ ranges: [RemoteRange]) { rebuild(from: ranges) }

    init(records addresses: some Collection<RemoteAddress>, size: Int) {
        self.init(addresses.map { RemoteRange($0, length: size) })
    }

    /// Replaces the clusters with those of `input`. Reuses storage, so a sampler rebuilding its clusters every
    /// sample allocates nothing once warm.
    ///
    /// Ranges are first merged greedily in their given order, which keeps a walk's neighbours together
    /// whichever way it runs (a frame chain goes down through memory, a thread list anywhere); only the few
    /// clusters that come out are sorted, then merged once more where they meet.
    ///
    /// Inside the `tight` spans (sorted by address: places where a merged range once crossed unmapped memory)
    /// ranges are merged only where they touch.
    mutating func rebuild(from input: [RemoteRange], tight: [RemoteRange] = []) {
        ranges.removeAll(keepingCapacity: true)
        scratchOffsets.removeAll(keepingCapacity: true)
        totalBytes = 0
        for range in input where range.length > 0 && range.start <= UInt64.max - UInt64(range.length) {
            if let last = ranges.last, let merged = Self.merge(last, range, tight: tight) {
                ranges[ranges.count - 1] = merged
            } else {
                ranges.append(range)
            }
        }
        if !Self.isAscending(ranges) { ranges.sort { $0.start < $1.start } }
        var kept = 0
        for index in ranges.indices {
            if kept > 0, let merged = Self.merge(ranges[kept - 1], ranges[index], tight: tight) {
                ranges[kept - 1] = merged
            } else {
                ranges[kept] = ranges[index]
                kept += 1
            }
        }
        ranges.removeLast(ranges.count - kept)
        for range in ranges {
            scratchOffsets.append(totalBytes)
            totalBytes += range.length
        }
    }

    /// The one range spanning `a` and `b`, when they lie within `maxGap` of each other (either way round; touching
    /// only, inside a tight span) and the result stays under `maxClusterLength`.
    private static func merge(_ a: RemoteRange, _ b: RemoteRange, tight: [RemoteRange]) -> RemoteRange? {
        let aEnd = a.start + UInt64(a.length)
        let bEnd = b.start + UInt64(b.length)
        let gap = tight.isEmpty || !(isInside(a.start, tight) || isInside(b.start, tight)) ? maxGap : 0
        guard b.start <= aEnd &+ gap, a.start <= bEnd &+ gap else { return nil }
        let start = min(a.start, b.start)
        let length = max(aEnd, bEnd) - start
        guard length <= UInt64(maxClusterLength) else { return nil }
        return RemoteRange(start: start, length: Int(length))
    }

    private static func isInside(_ address: UInt64, _ spans: [RemoteRange]) -> Bool {
        guard let index = spans.lastIndex(startingAtOrBelow: address, start: \.start) else { return false }
        return address - spans[index].start < UInt64(spans[index].length)
    }

    /// The index of the cluster that holds all of `length` bytes at `start`, or nil. `hint` is tried first
    /// (consecutive reads mostly fall in the same cluster), then a binary search.
    func index(covering start: UInt64, length: Int, hint: Int = 0) -> Int? {
        if hint < ranges.count, Self.covers(ranges[hint], start, length) { return hint }
        guard let index = ranges.lastIndex(startingAtOrBelow: start, start: \.start),
            Self.covers(ranges[index], start, length)
        else { return nil }
        return index
    }

    /// Where the `length` bytes at `start` begin in the scratch buffer, or nil when no cluster holds them.
    func scratchOffset(of start: UInt64, length: Int) -> Int? {
        guard let index = index(covering: start, length: length) else { return nil }
        return scratchOffsets[index] + Int(start - ranges[index].start)
    }

    private static func covers(_ range: RemoteRange, _ start: UInt64, _ length: Int) -> Bool {
        start >= range.start && start - range.start <= UInt64(range.length)
            && UInt64(length) <= UInt64(range.length) - (start - range.start)
    }

    private static func isAscending(_ input: [RemoteRange]) -> Bool {
        var previous: UInt64 = 0
        for range in input {
            if range.start < previous { return false }
            previous = range.start
        }
        return true
    }
}
