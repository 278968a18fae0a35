import MemoryTestSupport
import Testing
@testable import ProcessAccess

@Suite struct PageCachedMemoryTests {
    /// Six readable pages at 0x10000 (bytes counting up), nothing at 0x16000, one more page at 0x20000.
    func base() -> CountingMemory {
        let base = CountingMemory()
        base.memory.write((0..<6 * 4096).map { UInt8(truncatingIfNeeded: $0 / 7) }, at: RemoteAddress(0x10000))
        base.memory.write([UInt8](repeating: 0xAB, count: 4096), at: RemoteAddress(0x20000))
        return base
    }

    func expected(_ address: UInt64, _ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: (Int(address) - 0x10000 + $0) / 7) }
    }

    @Test func answersNeighboursFromOnePageFetch() throws {
        let base = base()
        let cached = PageCachedMemory(base: base)
        #expect(try cached.readBytes(RemoteAddress(0x10010), count: 8) == expected(0x10010, 8))
        #expect(try cached.readBytes(RemoteAddress(0x10ff0), count: 16) == expected(0x10ff0, 16))
        #expect(try cached.readInteger(RemoteAddress(0x10800), as: UInt32.self) != nil)
        #expect(base.rangeCalls == 1 && base.reads == 0)
        #expect(cached.pageFetches == 1)
    }

    @Test func fetchesTheMissingPagesOfACrossingReadTogether() throws {
        let base = base()
        let cached = PageCachedMemory(base: base)
        #expect(try cached.readBytes(RemoteAddress(0x10ffc), count: 4100) == expected(0x10ffc, 4100))
        #expect(base.rangeCalls == 1)
        #expect(try cached.readBytes(RemoteAddress(0x11ff0), count: 16) == expected(0x11ff0, 16))
        #expect(base.rangeCalls == 1)
    }

    @Test func failsExactlyAsTheBaseDoes() {
        let base = base()
        let cached = PageCachedMemory(base: base)
        // The read runs off the end of the mapping: the page fetch fails and the base decides the error.
        #expect(throws: MemoryReadError.badAddress(RemoteAddress(0x15ff8), count: 16)) {
            try cached.readBytes(RemoteAddress(0x15ff8), count: 16)
        }
        #expect(throws: MemoryReadError.badAddress(RemoteAddress(0x50000), count: 8)) {
            try cached.readBytes(RemoteAddress(0x50000), count: 8)
        }
        #expect(throws: MemoryReadError.self) { try cached.readBytes(RemoteAddress(UInt64.max - 3), count: 8) }
    }

    @Test func sendsLargeReadsStraightToTheBase() throws {
        let base = base()
        let cached = PageCachedMemory(base: base)
        #expect(try cached.readBytes(RemoteAddress(0x10000), count: 5 * 4096) == expected(0x10000, 5 * 4096))
        #expect(base.reads == 1 && base.rangeCalls == 0)
    }

    @Test func readsRangesFromPagesFetchedInOneCall() {
        let base = base()
        let cached = PageCachedMemory(base: base)
        let ranges = [
            RemoteRange(start: 0x10004, length: 8), RemoteRange(start: 0x20010, length: 8),
            RemoteRange(start: 0x11000, length: 4), RemoteRange(start: 0x40000, length: 8),
            RemoteRange(start: 0x10008, length: 8)
        ]
        var buffer = [UInt8](repeating: 0, count: 36)
        let got = buffer.withUnsafeMutableBytes { cached.readRanges(ranges[...], into: $0.baseAddress!) }
        // Reading stops at the unmapped fourth range, as the base's own vectored read would.
        #expect(got == 3)
        #expect(Array(buffer[0..<8]) == expected(0x10004, 8))
        #expect(Array(buffer[8..<16]) == [UInt8](repeating: 0xAB, count: 8))
        #expect(Array(buffer[16..<20]) == expected(0x11000, 4))
        #expect(base.rangeCalls == 1)
    }

    @Test func pageSpansAreBounded() {
        #expect(PageCachedMemory<FakeMemory>.pageSpan(RemoteRange(start: 0x1fff, length: 2)) == 0x1000...0x2000)
        #expect(PageCachedMemory<FakeMemory>.pageSpan(RemoteRange(start: 0x1000, length: 0)) == nil)
        #expect(PageCachedMemory<FakeMemory>.pageSpan(RemoteRange(start: 0x1000, length: 5 * 4096)) == nil)
        #expect(PageCachedMemory<FakeMemory>.pageSpan(RemoteRange(start: UInt64.max - 1, length: 4)) == nil)
    }
}

@Suite struct PageCachedMemoryScatterTests {
    @Test func leavesWidelyScatteredRangesToTheBase() {
        let base = CountingMemory()
        base.memory.write([UInt8](repeating: 7, count: 12 * 4096), at: RemoteAddress(0x100000))
        let cached = PageCachedMemory(base: base)
        let ranges = (0..<12).map { RemoteRange(start: 0x100000 + UInt64($0) * 4096 + 16, length: 8) }
        var buffer = [UInt8](repeating: 0, count: 12 * 8)
        let got = buffer.withUnsafeMutableBytes { cached.readRanges(ranges[...], into: $0.baseAddress!) }
        #expect(got == 12 && buffer.allSatisfy { $0 == 7 })
        // One call with the ranges as they are; no page was fetched for them.
        #expect(base.rangeCalls == 1 && cached.pageFetches == 0)
    }
}
