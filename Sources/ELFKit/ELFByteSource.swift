/// Random access to the bytes of an ELF image. The parser asks only for the few ranges it needs (the header,
/// the header tables, one string table, the symbol tables on demand), so a 20 MB libpython costs a handful of
/// small reads rather than a full load. Implemented over a file (`FileByteSource`, `pread`) and over an
/// in-memory array (`ByteArraySource`, for tests and for images copied out of a process).
package protocol ELFByteSource: Sendable {
    /// The total number of bytes; every read is checked against it before it is attempted.
    var size: UInt64 { get }
    /// Exactly `count` bytes starting at `offset`. Callers have already bounds-checked the range; an
    /// implementation still throws rather than returning fewer bytes.
    func read(offset: UInt64, count: Int) throws(ELFError) -> [UInt8]
}

extension ELFByteSource {
    /// Reads `count` bytes at `offset` after checking the range against `size` without overflowing;
    /// `what` names the structure for the error message.
    func checkedRead(offset: UInt64, count: UInt64, what: String) throws(ELFError) -> [UInt8] {
        let (end, overflow) = offset.addingReportingOverflow(count)
        guard !overflow, end <= size, count <= UInt64(Int.max) else {
            throw .truncated(what: what, offset: offset, count: count, fileSize: size)
        }
        if count == 0 { return [] }
        return try read(offset: offset, count: Int(count))
    }
}

/// An ELF image held in memory: hand-built bytes in tests, or a file already read some other way.
package struct ByteArraySource: ELFByteSource {
    package let bytes: [UInt8]

    package init(_ bytes: [UInt8]) { self.bytes = bytes }

    package var size: UInt64 { UInt64(bytes.count) }

    package func read(offset: UInt64, count: Int) throws(ELFError) -> [UInt8] {
        let (end, overflow) = offset.addingReportingOverflow(UInt64(max(count, 0)))
        guard count >= 0, !overflow, end <= size else {
            throw .truncated(what: "read", offset: offset, count: UInt64(max(count, 0)), fileSize: size)
        }
        return Array(bytes[Int(offset)..<Int(end)])
    }
}
