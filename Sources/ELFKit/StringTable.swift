/// An ELF string table (`.shstrtab`, `.strtab`, `.dynstr`): NUL-terminated names addressed by byte offset.
struct StringTable {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The byte range of the name at `offset`, up to its NUL (or the end of a table that lacks one);
    /// nil when the offset is outside the table.
    func range(at offset: UInt32) -> Range<Int>? {
        bytes.withUnsafeBufferPointer { Self.range(in: $0, at: offset) }
    }

    /// `range(at:)` over a table's bytes already in hand (symbol scans look up thousands of names).
    static func range(in bytes: UnsafeBufferPointer<UInt8>, at offset: UInt32) -> Range<Int>? {
        let start = Int(offset)
        guard start < bytes.count else { return nil }
        var end = start
        while end < bytes.count, bytes[end] != 0 { end += 1 }
        return start..<end
    }

    func string(at offset: UInt32) -> String? {
        guard let range = range(at: offset) else { return nil }
        return String(decoding: bytes[range], as: UTF8.self)
    }
}
