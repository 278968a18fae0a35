import ProcessAccess

/// Fake memory that counts the calls reaching it, and whose contents a test can change between samples: the
/// one counting double the memory-layer and walk tests share.
package final class CountingMemory: MemorySource, @unchecked Sendable {
    package var memory = FakeMemory()
    /// Single reads (`read(_:into:)`) that reached the memory.
    package var reads = 0
    /// Vectored reads (`readRanges`), each counted once whatever its number of ranges.
    package var rangeCalls = 0

    package init(_ memory: FakeMemory = FakeMemory()) { self.memory = memory }

    /// Every call that reached the memory, of either kind: what one system call per call would cost.
    package var calls: Int { reads + rangeCalls }

    package func read(_ address: RemoteAddress, into buffer: UnsafeMutableRawBufferPointer) throws(MemoryReadError) {
        reads += 1
        try memory.read(address, into: buffer)
    }

    package func readRanges(_ ranges: ArraySlice<RemoteRange>, into buffer: UnsafeMutableRawPointer) -> Int {
        rangeCalls += 1
        return memory.readRangesOneByOne(ranges, into: buffer)
    }
}
