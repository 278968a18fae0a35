/// Parses `/proc/PID/maps` byte by byte. Each line is `start-end perms offset dev inode [path]`; the path may
/// contain spaces, so only the first five fields are split. Working on raw bytes rather than `String` keeps an
/// attach to a process with hundreds of mappings from spending longer on parsing than on reading.
enum MapsParser {
    /// Every well-formed line's mapping, in file order; lines that do not parse are skipped.
    static func mappings(in bytes: UnsafeBufferPointer<UInt8>) -> [MemoryMapping] {
        var result: [MemoryMapping] = []
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != newline { lineEnd += 1 }
            let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
            if !line.isEmpty, let mapping = mapping(in: line) { result.append(mapping) }
            lineStart = lineEnd + 1
        }
        return result
    }

    /// One line (without its newline), or nil when it is not a maps line.
    static func mapping(in line: UnsafeBufferPointer<UInt8>) -> MemoryMapping? {
        var cursor = Cursor(line: line)
        guard let range = cursor.field(), let perms = cursor.field(), let offsetField = cursor.field(),
            cursor.field() != nil, let inodeField = cursor.field(),
            let dash = range.firstIndex(of: UInt8(ascii: "-")),
            let start = hexValue(range[range.startIndex..<dash]),
            let end = hexValue(range[(dash + 1)...]),
            let offset = hexValue(offsetField), let inode = decimalValue(inodeField),
            perms.count >= 3
        else { return nil }
        var pathBytes = cursor.rest()
        let deleted =
            pathBytes.count >= deletedSuffix.count
            && pathBytes.suffix(deletedSuffix.count).elementsEqual(deletedSuffix)
        if deleted { pathBytes = pathBytes.dropLast(deletedSuffix.count) }
        let first = perms.startIndex
        return MemoryMapping(
            start: start, end: end, isReadable: perms[first] == UInt8(ascii: "r"),
            isWritable: perms[first + 1] == UInt8(ascii: "w"), isExecutable: perms[first + 2] == UInt8(ascii: "x"),
            fileOffset: offset, inode: inode, path: String(decoding: pathBytes, as: UTF8.self), isDeleted: deleted)
    }

    private static var newline: UInt8 { UInt8(ascii: "\n") }
    private static let deletedSuffix = Array(" (deleted)".utf8)

    /// Walks a line's space-separated fields.
    private struct Cursor {
        let line: UnsafeBufferPointer<UInt8>
        var position = 0

        /// The next field after any spaces, or nil at the end of the line.
        mutating func field() -> Slice<UnsafeBufferPointer<UInt8>>? {
            skipSpaces()
            let start = position
            while position < line.count, line[position] != UInt8(ascii: " ") { position += 1 }
            return position > start ? line[start..<position] : nil
        }

        /// Everything after the spaces that follow the last field read: the path, possibly empty.
        mutating func rest() -> Slice<UnsafeBufferPointer<UInt8>> {
            skipSpaces()
            return line[position...]
        }

        private mutating func skipSpaces() {
            while position < line.count, line[position] == UInt8(ascii: " ") { position += 1 }
        }
    }

    /// A hexadecimal field (digits only, either case) that fits in 64 bits.
    static func hexValue(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> UInt64? {
        guard !digits.isEmpty else { return nil }
        var value: UInt64 = 0
        for byte in digits {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            guard value >> 60 == 0 else { return nil }
            value = value << 4 | UInt64(digit)
        }
        return value
    }

    /// A decimal field that fits in 64 bits.
    static func decimalValue(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> UInt64? {
        guard !digits.isEmpty else { return nil }
        var value: UInt64 = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return value
    }
}
