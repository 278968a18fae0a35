import MemoryTestSupport
import ProcessAccess
import Testing
@testable import PythonIntrospection

/// Walking over prefetched memory must return exactly the real chain, whatever changed since the last walk.
@Suite struct FrameChainReaderTests {
    /// Nodes of 16 bytes: the link to the next node, then a payload.
    struct Chain {
        var memory = FakeMemory()
        mutating func link(_ nodes: [UInt64]) {
            for (index, node) in nodes.enumerated() {
                let next = index + 1 < nodes.count ? nodes[index + 1] : 0
                memory.write([UInt8](repeating: 0, count: 16), at: RemoteAddress(node))
                memory.write(next, at: RemoteAddress(node))
                memory.write(node &* 3, at: RemoteAddress(node + 8))
            }
        }
    }

    /// One sample's walk, as the sampler does it: inside a prefetch.
    func walk(_ reader: FrameChainReader<PrefetchingMemory<MemoryBox>>, from start: UInt64) throws -> [UInt64] {
        reader.memory.beginSample()
        defer { reader.memory.endSample() }
        let records = try reader.records(from: start)
        for record in records { #expect(record.payload == record.address &* 3) }
        return records.map(\.address)
    }

    @Test func followsTheRealChainAcrossChanges() throws {
        var chain = Chain()
        let outer: [UInt64] = [0x1000, 0x2000, 0x3000, 0x4000]
        chain.link([0x100] + outer)
        let box = MemoryBox(chain.memory)
        let reader = FrameChainReader(memory: PrefetchingMemory(base: box))
        #expect(try walk(reader, from: 0x100) == [0x100] + outer)
        #expect(try walk(reader, from: 0x100) == [0x100] + outer)  // prefetched (merged across the gaps: fails)
        #expect(try walk(reader, from: 0x100) == [0x100] + outer)  // prefetched node by node
        #expect(reader.memory.lastPrefetch.missed == 0 && reader.memory.lastPrefetch.calls == 1)
        // New innermost frames on the same outer frames.
        chain.link([0x500, 0x600] + outer)
        box.memory = chain.memory
        #expect(try walk(reader, from: 0x500) == [0x500, 0x600] + outer)
    }

    @Test func recoversWhenTheMiddleOfTheGuessChanged() throws {
        var state = Chain()
        state.link([0x100, 0x200, 0x300, 0x400])
        let box = MemoryBox(state.memory)
        let reader = FrameChainReader(memory: PrefetchingMemory(base: box))
        #expect(try walk(reader, from: 0x100) == [0x100, 0x200, 0x300, 0x400])
        // 0x200 now links elsewhere; 0x300 still exists but is no longer part of the chain.
        state.link([0x100, 0x200, 0x900, 0x400])
        box.memory = state.memory
        #expect(try walk(reader, from: 0x100) == [0x100, 0x200, 0x900, 0x400])
        // The chain got shorter at the outer end.
        state.link([0x100, 0x200])
        box.memory = state.memory
        #expect(try walk(reader, from: 0x100) == [0x100, 0x200])
    }

    @Test func stopsAtACycleWithTheDistinctRecords() throws {
        var state = Chain()
        state.link([0x100, 0x200])
        state.memory.write(UInt64(0x100), at: RemoteAddress(0x200))  // 0x200 links back to 0x100
        let reader = FrameChainReader(memory: state.memory)
        let (records, end) = try reader.recordsAndEnd(from: 0x100, limit: 50)
        #expect(end == .cycle(distinct: 2))
        #expect(records.count <= 6 && records.prefix(2).map(\.address) == [0x100, 0x200])
    }

    /// A data stack: frames in one mapped chunk, the stack growing upward between samples. After the first walk
    /// a deeper stack must not cost a read outside the prefetch: the room above the innermost frame is kept.
    @Test func aStackThatGrowsByACallIsStillPrefetched() throws {
        let chunk: UInt64 = 0x10_0000
        var memory = FakeMemory()
        memory.write([UInt8](repeating: 0, count: 0x4000), at: RemoteAddress(chunk))
        func frames(_ depth: Int) -> [UInt64] { (0..<depth).reversed().map { chunk + 0x2000 + UInt64($0) * 0x60 } }
        func link(_ depth: Int) {
            let nodes = frames(depth)
            for (index, node) in nodes.enumerated() {
                memory.write(index + 1 < nodes.count ? nodes[index + 1] : 0, at: RemoteAddress(node))
            }
        }
        link(10)
        let box = MemoryBox(memory)
        let reader = FrameChainReader(memory: PrefetchingMemory(base: box))
        func walk(_ depth: Int) throws -> [UInt64] {
            reader.memory.beginSample()
            defer { reader.memory.endSample() }
            return try reader.records(from: frames(depth)[0], growsUpward: true).map(\.address)
        }
        #expect(try walk(10) == frames(10))
        for depth in [10, 12, 11, 13, 10] {
            link(depth)
            box.memory = memory
            #expect(try walk(depth) == frames(depth))
            #expect(reader.memory.lastPrefetch.missed == 0, "depth \(depth)")
        }
    }
}

/// Memory whose contents a test can swap between "samples".
final class MemoryBox: MemorySource, @unchecked Sendable {
    var memory: FakeMemory
    init(_ memory: FakeMemory) { self.memory = memory }
    func read(_ address: RemoteAddress, into buffer: UnsafeMutableRawBufferPointer) throws(MemoryReadError) {
        try memory.read(address, into: buffer)
    }
}

extension FrameChainReader {
    /// The chain of 16-byte nodes from `start` (the link first, then a payload), as the walker is handed them.
    func records(from start: UInt64, limit: Int = 100, growsUpward: Bool = false) throws
        -> [(address: UInt64, payload: UInt64)]
    {
        try recordsAndEnd(from: start, limit: limit, growsUpward: growsUpward).records
    }

    /// The same, with how the walk ended.
    func recordsAndEnd(from start: UInt64, limit: Int = 100, growsUpward: Bool = false) throws
        -> (records: [(address: UInt64, payload: UInt64)], end: ChainEnd)
    {
        var records: [(address: UInt64, payload: UInt64)] = []
        let end = try forEach(
            from: RemoteAddress(start), stride: 16, linkOffset: 0, limit: limit,
            growsUpward: growsUpward
        ) { address, bytes throws(MemoryReadError) in
            records.append((address.rawValue, bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        }
        return (records, end)
    }
}
