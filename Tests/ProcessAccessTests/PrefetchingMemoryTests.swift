import MemoryTestSupport
import Testing
@testable import ProcessAccess

@Suite struct PrefetchingMemoryTests {
    let a = RemoteAddress(0x1000)
    let b = RemoteAddress(0x1100)
    let far = RemoteAddress(0x90_0000)

    func base() -> CountingMemory {
        let base = CountingMemory()
        base.memory.write([UInt8](repeating: 0, count: 0x200), at: a)
        base.memory.write([UInt8](repeating: 0, count: 64), at: far)
        return base
    }

    @Test func aWarmSampleCostsOneCallAndServesCurrentValues() throws {
        let base = base()
        let memory = PrefetchingMemory(base: base)
        for round in 0..<3 {
            base.memory.write(UInt64(round), at: a)
            base.memory.write(UInt64(round * 10), at: b)
            base.memory.write(UInt64(round * 100), at: far)
            base.reads = 0
            base.rangeCalls = 0
            memory.beginSample()
            #expect(try memory.readInteger(a, as: UInt64.self) == UInt64(round))
            #expect(try memory.readInteger(b, as: UInt64.self) == UInt64(round * 10))
            #expect(try memory.readInteger(far, as: UInt64.self) == UInt64(round * 100))
            memory.endSample()
            if round == 0 {
                #expect(base.reads == 3 && base.rangeCalls == 0)  // cold: nothing known yet
            } else {
                #expect(base.reads == 0 && base.rangeCalls == 1)
                // a and b are 0x100 apart: one cluster; far is its own.
                #expect(
                    memory.lastPrefetch
                        == PrefetchStatistics(clusters: 2, bytes: 0x108 + 8, calls: 1, served: 3, missed: 0))
            }
        }
    }

    @Test func readsOutsideTheFootprintGoToTheProcessAndJoinIt() throws {
        let base = base()
        let memory = PrefetchingMemory(base: base)
        memory.beginSample()
        _ = try memory.readInteger(a, as: UInt64.self)
        memory.endSample()
        memory.beginSample()
        _ = try memory.readInteger(a, as: UInt64.self)
        _ = try memory.readInteger(far, as: UInt64.self)  // new this time
        memory.endSample()
        #expect(memory.lastPrefetch.missed == 1)
        memory.beginSample()
        _ = try memory.readInteger(far, as: UInt64.self)
        memory.endSample()
        #expect(memory.lastPrefetch.missed == 0 && memory.lastPrefetch.served == 1)
        // Only what the last sample read is prefetched: `a` was dropped.
        memory.beginSample()
        memory.endSample()
        #expect(memory.lastPrefetch.clusters == 1 && memory.lastPrefetch.bytes == 8)
    }

    @Test func anUnreadableClusterIsSkippedAndTheRestStillServed() throws {
        let base = base()
        let memory = PrefetchingMemory(base: base)
        let gone = RemoteAddress(0x50_0000)
        base.memory.write(UInt64(7), at: gone)
        memory.beginSample()
        for address in [a, gone, far] { _ = try memory.readInteger(address, as: UInt64.self) }
        memory.endSample()
        base.memory = FakeMemory()  // `gone` unmapped, the others back with new values
        base.memory.write([UInt8](repeating: 1, count: 0x200), at: a)
        base.memory.write([UInt8](repeating: 2, count: 64), at: far)
        memory.beginSample()
        #expect(memory.lastPrefetch.calls == 2)
        #expect(try memory.readInteger(far, as: UInt8.self) == 2)
        #expect(try memory.readInteger(a, as: UInt8.self) == 1)
        #expect(throws: MemoryReadError.self) { try memory.readInteger(gone, as: UInt64.self) }
        memory.endSample()
        #expect(memory.lastPrefetch.served == 2)
    }

    /// Two readable records with an unmapped hole between them, close enough to be merged: the merged read
    /// fails once, and from then on they are prefetched apart.
    @Test func aMergeAcrossAHoleIsNotRepeated() throws {
        let base = CountingMemory()
        let left = RemoteAddress(0x2000)
        let right = RemoteAddress(0x2800)
        base.memory.write(UInt64(1), at: left)
        base.memory.write(UInt64(2), at: right)
        let memory = PrefetchingMemory(base: base)
        for round in 0..<3 {
            memory.beginSample()
            #expect(try memory.readInteger(left, as: UInt64.self) == 1)
            #expect(try memory.readInteger(right, as: UInt64.self) == 2)
            memory.endSample()
            switch round {
            case 1: #expect(memory.lastPrefetch.clusters == 1 && memory.lastPrefetch.missed == 2)
            case 2: #expect(memory.lastPrefetch.clusters == 2 && memory.lastPrefetch.missed == 0)
            default: break
            }
        }
    }

    @Test func outsideASampleEveryReadIsLive() throws {
        let base = base()
        let memory = PrefetchingMemory(base: base)
        memory.beginSample()
        _ = try memory.readInteger(a, as: UInt64.self)
        memory.endSample()
        memory.beginSample()
        memory.endSample()
        base.memory.write(UInt64(42), at: a)
        #expect(memory.prefetchedBytes(a, count: 8) == nil)
        #expect(try memory.readInteger(a, as: UInt64.self) == 42)
    }

    @Test func keptNeighbourhoodsAreLimitedToWhatWasRead() throws {
        let base = base()
        let memory = PrefetchingMemory(base: base)
        memory.beginSample()
        _ = try memory.readBytes(a, count: 0x100)
        memory.endSample()
        memory.beginSample()
        _ = try memory.readInteger(a + 0x80, as: UInt64.self)
        // Asks for far more than was prefetched: only the prefetched 0x100 bytes are kept.
        memory.keepPrefetched(RemoteRange(start: 0, length: 0x10_0000), around: a + 0x80)
        memory.endSample()
        memory.beginSample()
        memory.endSample()
        #expect(memory.lastPrefetch.bytes == 0x100 && memory.lastPrefetch.calls == 1)
    }

    @Test func liveProcessReadsAreServedFromOneCall() throws {
        var words = [UInt64](repeating: 0, count: 512)
        let memory = PrefetchingMemory(base: LiveMemory(pid: getpidValue()))
        try words.withUnsafeMutableBufferPointer { buffer throws in
            let base = RemoteAddress(UInt64(UInt(bitPattern: buffer.baseAddress)))
            for round in 1...3 {
                for index in buffer.indices { buffer[index] = UInt64(index * round) }
                memory.beginSample()
                for index in stride(from: 511, through: 0, by: -37) {
                    #expect(try memory.readInteger(base + index * 8, as: UInt64.self) == UInt64(index * round))
                }
                memory.endSample()
            }
            #expect(memory.lastPrefetch.calls == 1 && memory.lastPrefetch.missed == 0)
        }
    }
}

@Suite struct PrefetchFootprintTests {
    /// A walk of many small records inside one prefetched cluster leaves one range to replay, spanning them, not
    /// one per record; what it replays is exactly the part of the cluster the walk used.
    @Test func readsServedFromOneClusterReplayAsOneSpan() throws {
        let base = CountingMemory()
        let start = RemoteAddress(0x4000)
        base.memory.write([UInt8](repeating: 7, count: 0x1000), at: start)
        let memory = PrefetchingMemory(base: base)
        memory.beginSample()
        _ = try memory.readBytes(start, count: 0x1000)
        memory.endSample()
        memory.beginSample()
        for record in stride(from: 0x800, to: 0x400, by: -0x40) {
            #expect(memory.prefetchedBytes(start + record, count: 16)?.count == 16)
        }
        memory.endSample()
        memory.beginSample()
        memory.endSample()
        #expect(memory.lastPrefetch.clusters == 1)
        #expect(memory.lastPrefetch.bytes == 0x800 + 16 - 0x440)
    }
}
