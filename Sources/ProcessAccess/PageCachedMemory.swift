/// Serves small reads from whole 4 KiB pages of the target, each fetched once and then kept, for one-off walks
/// through many small neighbouring objects.
///
/// Looking up thread names follows `sys.modules` to `threading._active` and then, per thread, the `Thread`
/// object, its attribute dict, and the ints and strings in it: a dozen or more tiny reads each, of objects
/// CPython's allocator placed close together. A syscall costs about the same for 8 bytes as for a page, so
/// fetching the page around each read and answering its neighbours from the copy turns hundreds of syscalls
/// into a few dozen.
///
/// Any mapping is made of whole pages, so the page around a readable byte is readable too: the cache reads
/// nothing a direct read would not. When a page cannot be read the request goes to the base as it is, so
/// errors are exactly the base's. The copy is as old as the cache: use one per lookup, not across samples.
/// One lookup at a time: not for concurrent use.
package final class PageCachedMemory<Base: MemorySource>: MemorySource, @unchecked Sendable {
    package let base: Base
    private var pages: [UInt64: [UInt8]] = [:]
    /// How many calls to the base fetched pages, for tests.
    package private(set) var pageFetches = 0

    /// 4 KiB: the smallest page size Linux uses, so also correct (just finer) where pages are larger.
    static var pageSize: Int { 4096 }
    /// Reads spanning more pages than this go straight to the base: big tables gain nothing from the cache.
    static var maxPagesPerRead: Int { 4 }
    /// At most this many pages (1 MiB) are kept; past it reads go straight to the base.
    static var maxPages: Int { 256 }

    package init(base: Base) { self.base = base }

    package func read(_ address: RemoteAddress, into buffer: UnsafeMutableRawBufferPointer) throws(MemoryReadError) {
        guard let span = Self.pageSpan(RemoteRange(address, length: buffer.count)) else {
            return try base.read(address, into: buffer)
        }
        if !copyFromPages(span, start: address.rawValue, into: buffer) {
            fetch(missingPages(in: [span]))
            if !copyFromPages(span, start: address.rawValue, into: buffer) { try base.read(address, into: buffer) }
        }
    }

    /// Answers from the cache when the ranges lie in a few pages: any missing ones (at most
    /// `maxPagesPerBatch`) are fetched in one call. Ranges scattered over more pages than that (the keys of
    /// `sys.modules`) go to the base as they are, in its one vectored call: caching pages of which one record
    /// each is wanted would cost more than it saves.
    package func readRanges(_ ranges: ArraySlice<RemoteRange>, into buffer: UnsafeMutableRawPointer) -> Int {
        var spans: [ClosedRange<UInt64>] = []
        spans.reserveCapacity(ranges.count)
        for range in ranges {
            guard let span = Self.pageSpan(range) else { return base.readRanges(ranges, into: buffer) }
            spans.append(span)
        }
        let missing = missingPages(in: spans, upTo: Self.maxPagesPerBatch + 1)
        guard missing.count <= Self.maxPagesPerBatch else { return base.readRanges(ranges, into: buffer) }
        fetch(missing)
        var offset = 0
        for (index, range) in ranges.enumerated() {
            let target = UnsafeMutableRawBufferPointer(start: buffer + offset, count: range.length)
            if !copyFromPages(spans[index], start: range.start, into: target) {
                do throws(MemoryReadError) { try base.read(RemoteAddress(range.start), into: target) } catch {
                    return index
                }
            }
            offset += range.length
        }
        return ranges.count
    }

    /// Most pages one `readRanges` fetches into the cache.
    static var maxPagesPerBatch: Int { 8 }

    /// The first and last page a non-empty range touches, or nil when it is empty, wraps around, or spans
    /// more than `maxPagesPerRead` pages.
    static func pageSpan(_ range: RemoteRange) -> ClosedRange<UInt64>? {
        guard range.length > 0 else { return nil }
        let (end, overflow) = range.start.addingReportingOverflow(UInt64(range.length))
        guard !overflow else { return nil }
        let mask = ~UInt64(pageSize - 1)
        let first = range.start & mask
        let last = (end - 1) & mask
        guard (last - first) / UInt64(pageSize) < UInt64(maxPagesPerRead) else { return nil }
        return first...last
    }

    /// The not yet cached pages of `spans`, each once, in order of first appearance; counting stops at `limit`.
    private func missingPages(in spans: [ClosedRange<UInt64>], upTo limit: Int = .max) -> [UInt64] {
        var missing: [UInt64] = []
        for span in spans {
            for page in stride(from: span.lowerBound, through: span.upperBound, by: Self.pageSize)
            where pages[page] == nil && !missing.contains(page) {
                missing.append(page)
                if missing.count >= limit { return missing }
            }
        }
        return missing
    }

    /// Reads `wanted` pages in one vectored call, keeping those that came back (all before the first that
    /// failed), as far as the cache has room.
    private func fetch(_ wanted: [UInt64]) {
        let room = Self.maxPages - pages.count
        guard !wanted.isEmpty, room > 0 else { return }
        let batch = wanted.prefix(room)
        let ranges = batch.map { RemoteRange(start: $0, length: Self.pageSize) }
        var bytes = [UInt8](repeating: 0, count: batch.count * Self.pageSize)
        let got = bytes.withUnsafeMutableBytes { raw in
            raw.baseAddress.map { base.readRanges(ranges[...], into: $0) } ?? 0
        }
        pageFetches += 1
        for (index, page) in batch.prefix(got).enumerated() {
            pages[page] = Array(bytes[index * Self.pageSize..<(index + 1) * Self.pageSize])
        }
    }

    /// Copies `buffer.count` bytes at `start` out of the cached pages of `span`; false when one is missing.
    private func copyFromPages(_ span: ClosedRange<UInt64>, start: UInt64, into buffer: UnsafeMutableRawBufferPointer)
        -> Bool
    {
        guard let destination = buffer.baseAddress else { return buffer.isEmpty }
        var copied = 0
        for page in stride(from: span.lowerBound, through: span.upperBound, by: Self.pageSize) {
            guard let bytes = pages[page] else { return false }
            let from = Int(max(start, page) - page)
            let count = min(Self.pageSize - from, buffer.count - copied)
            bytes.withUnsafeBytes { raw in
                UnsafeMutableRawBufferPointer(start: destination + copied, count: count)
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[from..<from + count]))
            }
            copied += count
        }
        return true
    }
}
