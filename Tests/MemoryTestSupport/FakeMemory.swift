import ProcessAccess

/// Memory made up in-process, for tests: regions of bytes at chosen addresses. Reads outside any region fail
/// exactly as a live read of an unmapped address does.
package struct FakeMemory: MemorySource {
    package private(set) var regions: [RemoteAddress: [UInt8]] = [:]

    package init() {}

    /// Places `bytes` at `address` (replacing any region that starts there).
    package mutating func write(_ bytes: [UInt8], at address: RemoteAddress) {
        regions[address] = bytes
    }

    /// Places a little-endian integer at `address`, inside an existing region or as a new one.
    package mutating func write<T: FixedWidthInteger>(_ value: T, at address: RemoteAddress) {
        let bytes = withUnsafeBytes(of: value.littleEndian) { Array($0) }
        for (start, var region) in regions {
            guard address >= start, address.rawValue + UInt64(bytes.count) <= start.rawValue + UInt64(region.count)
            else { continue }
            let offset = Int(address.rawValue - start.rawValue)
            region.replaceSubrange(offset..<offset + bytes.count, with: bytes)
            regions[start] = region
            return
        }
        regions[address] = bytes
    }

    package func read(_ address: RemoteAddress, into buffer: UnsafeMutableRawBufferPointer) throws(MemoryReadError) {
        let count = buffer.count
        for (start, region) in regions where address >= start {
            let offset = address.rawValue - start.rawValue
            guard offset + UInt64(count) <= UInt64(region.count) else { continue }
            region.withUnsafeBytes { raw in
                buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[Int(offset)..<Int(offset) + count]))
            }
            return
        }
        throw .badAddress(address, count: count)
    }
}
