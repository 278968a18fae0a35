import ProcessAccess

/// Fake memory that counts the calls reaching it, and whose contents a test can change between samples: the
/// one counting double the memory-layer and walk tests share.
public final class CountingMemory: MemorySource, @unchecked Sendable {
    public var memory = FakeMemory()
    /// Single reads (`read(_:into:)`) that reached the memory.
    public var reads = 0
    /// Vectored reads (`readRanges`), each counted once whatever its number of ranges.
    public var rangeCalls = 0

    public init(_ memory: FakeMemory = FakeMemory()) { self.memory = memory }

    /// Every call that reached the memory, of either kind: what one system call per call would cost.
    public var calls: Int { reads + rangeCalls }

    public func read(_ address: RemoteAddress, into buffer: UnsafeMutableRawBufferPointer) throws(MemoryReadError) {
        reads += 1
        try memory.read(address, into: buffer)
    }

    public func readRanges(_ ranges: ArraySlice<RemoteRange>, into buffer: UnsafeMutableRawPointer) -> Int {
        rangeCalls += 1
        return memory.readRangesOneByOne(ranges, into: buffer)
    }
}
