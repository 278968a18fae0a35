/// Groups record addresses into contiguous ranges: records less than `maxGap` bytes apart share one range.
struct RecordClusters {
    struct Range {
        var start: UInt64
        var length: Int
        /// Where this range's bytes begin in the scratch buffer.
        var scratchOffset: Int
    }

    /// Two records further apart than this are read as separate ranges (a page: merging across it would pin
    /// a page that holds nothing we want).
    static let maxGap: UInt64 = 4096
    /// No single range grows past this, so a pathological address list cannot make us read megabytes.
    static let maxRangeLength = 1 << 20

    private(set) var ranges: [Range] = []
    private(set) var totalBytes = 0

    init(_ addresses: [RemoteAddress], size: Int) {
        // Frame chains come innermost (highest address, for stack-allocated frames) first: usually already in
        // order one way or the other, so the sort is skipped.
        var sorted = addresses.map(\.rawValue)
        if zip(sorted, sorted.dropFirst()).allSatisfy({ $0 >= $1 }) {
            sorted.reverse()
        } else if !zip(sorted, sorted.dropFirst()).allSatisfy({ $0 <= $1 }) {
            sorted.sort()
        }
        for address in sorted {
            let (end, overflow) = address.addingReportingOverflow(UInt64(size))
            guard !overflow else { continue }
            if var last = ranges.last {
                let lastEnd = last.start + UInt64(last.length)
                if address <= lastEnd + Self.maxGap, Int(end - last.start) <= Self.maxRangeLength {
                    let newLength = Int(max(end, lastEnd) - last.start)
                    totalBytes += newLength - last.length
                    last.length = newLength
                    ranges[ranges.count - 1] = last
                    continue
                }
            }
            ranges.append(Range(start: address, length: size, scratchOffset: totalBytes))
            totalBytes += size
        }
    }

    /// Where the record at `address` starts in the scratch buffer, or nil when it is not covered.
    func scratchOffset(of address: RemoteAddress) -> Int? {
        guard let range = ranges.last(startingAtOrBelow: address.rawValue, start: \.start) else { return nil }
        let delta = address.rawValue - range.start
        guard delta < UInt64(range.length) else { return nil }
        return range.scratchOffset + Int(delta)
    }
}
