import Testing
@testable import ProcessAccess

@Suite struct RecordClustersTests {
    @Test func mergesNeighboursAndKeepsFarRecordsApart() {
        let addresses = [0x10_0100, 0x10_0000, 0x10_0080, 0x20_0000, 0x10_0080].map { RemoteAddress(UInt64($0)) }
        let clusters = RecordClusters(addresses, size: 64)
        #expect(clusters.ranges.count == 2)
        #expect(clusters.ranges[0].start == 0x10_0000 && clusters.ranges[0].length == 0x140)
        #expect(clusters.ranges[1].start == 0x20_0000 && clusters.ranges[1].length == 64)
        #expect(clusters.totalBytes == 0x140 + 64)
        #expect(clusters.scratchOffset(of: RemoteAddress(0x10_0080)) == 0x80)
        #expect(clusters.scratchOffset(of: RemoteAddress(0x20_0000)) == 0x140)
        #expect(clusters.scratchOffset(of: RemoteAddress(0x30_0000)) == nil)
    }

    @Test func descendingChainsNeedNoSort() {
        let chain = stride(from: 0x5000, through: 0x1000, by: -0x100).map { RemoteAddress(UInt64($0)) }
        let clusters = RecordClusters(chain, size: 0x50)
        #expect(clusters.ranges.count == 1)
        #expect(clusters.ranges[0].start == 0x1000 && clusters.totalBytes == 0x4050)
    }

    @Test func neverBuildsHugeRanges() {
        let spread = (0..<600).map { RemoteAddress(UInt64(0x100_0000 + $0 * 4000)) }
        let clusters = RecordClusters(spread, size: 64)
        #expect(clusters.ranges.allSatisfy { $0.length <= RecordClusters.maxRangeLength })
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
