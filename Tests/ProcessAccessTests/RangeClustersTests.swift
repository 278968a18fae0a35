import Testing
@testable import ProcessAccess

@Suite struct RangeClustersTests {
    @Test func mergesNeighboursAndKeepsFarRecordsApart() {
        let addresses = [0x10_0100, 0x10_0000, 0x10_0080, 0x20_0000, 0x10_0080].map { RemoteAddress(UInt64($0)) }
        let clusters = RangeClusters(records: addresses, size: 64)
        #expect(
            clusters.ranges == [RemoteRange(start: 0x10_0000, length: 0x140), RemoteRange(start: 0x20_0000, length: 64)]
        )
        #expect(clusters.totalBytes == 0x140 + 64)
        #expect(clusters.scratchOffset(of: 0x10_0080, length: 64) == 0x80)
        #expect(clusters.scratchOffset(of: 0x20_0000, length: 64) == 0x140)
        #expect(clusters.scratchOffset(of: 0x30_0000, length: 1) == nil)
        // Covered only in part: not served.
        #expect(clusters.scratchOffset(of: 0x20_0020, length: 64) == nil)
    }

    @Test func descendingChainsBecomeOneCluster() {
        let chain = stride(from: 0x5000, through: 0x1000, by: -0x100).map { RemoteAddress(UInt64($0)) }
        let clusters = RangeClusters(records: chain, size: 0x50)
        #expect(clusters.ranges == [RemoteRange(start: 0x1000, length: 0x4050)])
    }

    /// A sample's footprint: a few scattered structures, then a frame chain running down through memory, then
    /// a structure next to the first. Greedy merging plus the final pass leave one cluster per neighbourhood.
    @Test func interleavedNeighbourhoodsAreMergedAfterSorting() {
        let footprint = [
            RemoteRange(start: 0x9000, length: 8), RemoteRange(start: 0x50_0000, length: 300),
            RemoteRange(start: 0x70_0300, length: 80), RemoteRange(start: 0x70_0200, length: 80),
            RemoteRange(start: 0x70_0100, length: 80), RemoteRange(start: 0x9100, length: 16)
        ]
        let clusters = RangeClusters(footprint)
        #expect(
            clusters.ranges == [
                RemoteRange(start: 0x9000, length: 0x110), RemoteRange(start: 0x50_0000, length: 300),
                RemoteRange(start: 0x70_0100, length: 0x250)
            ])
        #expect(clusters.scratchOffsets == [0, 0x110, 0x110 + 300])
        #expect(clusters.index(covering: 0x70_0200, length: 80, hint: 2) == 2)
        #expect(clusters.index(covering: 0x70_0200, length: 80, hint: 0) == 2)
    }

    @Test func neverBuildsHugeRanges() {
        let spread = (0..<600).map { RemoteAddress(UInt64(0x100_0000 + $0 * 4000)) }
        let clusters = RangeClusters(records: spread, size: 64)
        #expect(clusters.ranges.allSatisfy { $0.length <= RangeClusters.maxClusterLength })
        #expect(clusters.ranges.count > 1)
    }

    @Test func liveVectoredReadsMatchSingleReads() throws {
        var values = (0..<64).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }
        let memory = LiveMemory(pid: getpidValue())
        try values.withUnsafeMutableBufferPointer { buffer in
            let base = UInt64(UInt(bitPattern: buffer.baseAddress))
            let addresses = stride(from: 62, through: 0, by: -2).map { RemoteAddress(base + UInt64($0) * 8) }
            var out: [UInt8] = []
            #expect(memory.readRecords(at: addresses[...], size: 16, appendingTo: &out) == addresses.count)
            for (index, address) in addresses.enumerated() {
                let expected = try memory.readBytes(address, count: 16)
                #expect(Array(out[index * 16..<index * 16 + 16]) == expected)
            }
            // An unmapped record stops the list there.
            var partial: [UInt8] = []
            let withBad = Array(addresses.prefix(3)) + [RemoteAddress(16)] + Array(addresses.suffix(2))
            #expect(memory.readRecords(at: withBad[...], size: 16, appendingTo: &partial) == 3)
            #expect(partial.count == 48)
        }
    }
}
