/// One fixed-size record (a header, a table entry) inside bytes read from the file, decoded field by field
/// as little-endian integers. Callers check that the record is fully present before decoding it; a field
/// that would still lie outside the bytes reads as zero instead of trapping.
struct LittleEndianRecord {
    let bytes: [UInt8]
    let base: Int

    init(_ bytes: [UInt8], at base: Int = 0) {
        self.bytes = bytes
        self.base = base
    }

    func u8(_ offset: Int) -> UInt8 { load(offset, as: UInt8.self) }
    func u16(_ offset: Int) -> UInt16 { load(offset, as: UInt16.self) }
    func u32(_ offset: Int) -> UInt32 { load(offset, as: UInt32.self) }
    func u64(_ offset: Int) -> UInt64 { load(offset, as: UInt64.self) }

    private func load<T: FixedWidthInteger>(_ offset: Int, as _: T.Type) -> T {
        let start = base &+ offset
        let width = MemoryLayout<T>.size
        guard start >= 0, start <= bytes.count &- width else { return 0 }
        var value = T.zero
        for index in 0..<width {
            value |= T(truncatingIfNeeded: bytes[start + index]) << (8 * index)
        }
        return value
    }
}
