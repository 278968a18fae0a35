import MemoryTestSupport
import ProcessAccess
import Testing
@testable import PythonIntrospection

/// A chain is walked to its end however long it is (issue 13.2, 12.6: 4,096 records used to be the cap), and a
/// chain that loops is stopped with exactly its distinct records, wherever the loop begins and however long it
/// is, both read cold and from the prefetch of a warm sample.
@Suite struct ChainLengthTests {
    /// `count` 16-byte nodes in one region (as frames in a data stack), node `i` linking to node `i + 1`, the
    /// last to `loopTo`'s node (nil: null, the chain ends). Payload: the node's index.
    static func chain(_ count: Int, loopTo: Int? = nil) -> (memory: FakeMemory, start: UInt64) {
        let base: UInt64 = 0x100_0000
        var bytes = [UInt8](repeating: 0, count: count * 16)
        func put(_ value: UInt64, at offset: Int) {
            withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(offset..<offset + 8, with: $0) }
        }
        for index in 0..<count {
            let next: UInt64 =
                index + 1 < count ? base + UInt64(index + 1) * 16 : loopTo.map { base + UInt64($0) * 16 } ?? 0
            put(next, at: index * 16)
            put(UInt64(index), at: index * 16 + 8)
        }
        var memory = FakeMemory()
        memory.write(bytes, at: RemoteAddress(base))
        return (memory, base)
    }

    @Test(arguments: [4097, 10_000, 250_000])
    func walksAChainOfAnyLength(count: Int) throws {
        let (memory, start) = Self.chain(count)
        let (records, end) = try FrameChainReader(memory: memory).recordsAndEnd(from: start, limit: 1 << 22)
        #expect(end == .complete)
        #expect(records.count == count)
        #expect(records.map(\.payload) == (0..<UInt64(count)).map { $0 })
        // Warm samples: once the footprint has caught up (it takes at most 8,192 new ranges a sample, and these
        // nodes lie above one another, so each first read is one), the walk is served from the prefetch.
        let prefetching = PrefetchingMemory(base: memory)
        let reader = FrameChainReader(memory: prefetching)
        for _ in 0..<3 {
            prefetching.beginSample()
            let (warm, warmEnd) = try reader.recordsAndEnd(from: start, limit: 1 << 22)
            prefetching.endSample()
            #expect(warmEnd == .complete && warm.count == count)
        }
        if count <= 10_000 { #expect(prefetching.lastPrefetch.missed == 0) }
    }

    /// (records before the loop, loop length): self-loops, loops back to the start, and long ones of both.
    static let loops: [(Int, Int)] = [
        (0, 1), (1, 1), (0, 2), (3, 2), (2, 3), (5000, 1), (0, 9000), (3000, 7001),
        (4095, 4097)
    ]

    @Test(arguments: loops)
    func stopsALoopWithItsDistinctRecords(before: Int, length: Int) throws {
        let (memory, start) = Self.chain(before + length, loopTo: before)
        for prefetched in [false, true] {
            let prefetching = PrefetchingMemory(base: memory)
            let reader = FrameChainReader(memory: prefetching)
            if prefetched {
                // Warm the prefetch with the same walk first.
                prefetching.beginSample()
                _ = try reader.recordsAndEnd(from: start, limit: 1 << 22)
                prefetching.endSample()
            }
            prefetching.beginSample()
            let (records, end) = try reader.recordsAndEnd(from: start, limit: 1 << 22)
            prefetching.endSample()
            #expect(end == .cycle(distinct: before + length), "prefetched: \(prefetched)")
            // Brent's detection stops within a few times the chain's real length, never running on to the limit.
            #expect(records.count <= 3 * (before + length) + 2, "\(records.count) records handed over")
            #expect(records.prefix(before + length).map(\.payload) == (0..<UInt64(before + length)).map { $0 })
        }
    }

    @Test func theLimitCutsALongChainKeepingItsStart() throws {
        let (memory, start) = Self.chain(10_000)
        let (records, end) = try FrameChainReader(memory: memory).recordsAndEnd(from: start, limit: 6000)
        #expect(end == .truncated(after: 6000))
        #expect(records.map(\.payload) == (0..<UInt64(6000)).map { $0 })
    }
}
