/// One line of `/proc/PID/maps`.
public struct MemoryMapping: Sendable, Hashable {
    public var start: UInt64
    public var end: UInt64
    public var isReadable: Bool
    public var isWritable: Bool
    public var isExecutable: Bool
    /// Offset of the mapping in its file.
    public var fileOffset: UInt64
    public var inode: UInt64
    /// The mapped file's path as the target sees it (without a ` (deleted)` suffix), or a pseudo name such as
    /// `[heap]`, or empty for anonymous memory.
    public var path: String
    /// True when the file was deleted after it was mapped (the kernel appends ` (deleted)`).
    public var isDeleted: Bool

    public init(start: UInt64, end: UInt64, isReadable: Bool, isWritable: Bool, isExecutable: Bool,
                fileOffset: UInt64, inode: UInt64, path: String, isDeleted: Bool)
    {
        self.start = start
        self.end = end
        self.isReadable = isReadable
        self.isWritable = isWritable
        self.isExecutable = isExecutable
        self.fileOffset = fileOffset
        self.inode = inode
        self.path = path
        self.isDeleted = isDeleted
    }

    public var size: UInt64 { end - start }

    public func contains(_ address: RemoteAddress) -> Bool {
        address.rawValue >= start && address.rawValue < end
    }
}

/// The parsed `/proc/PID/maps` of a process.
public struct MemoryMap: Sendable {
    public var mappings: [MemoryMapping]

    public init(mappings: [MemoryMapping]) { self.mappings = mappings.sorted { $0.start < $1.start } }

    /// Parses the text of a maps file. Lines that do not parse are skipped (the format is the kernel's and
    /// stable, but a robust reader never fails a whole attach on one odd line).
    public init(parsing text: String) {
        mappings = text.split(separator: "\n", omittingEmptySubsequences: true).compactMap(Self.parseLine)
    }

    /// Reads `/proc/PID/maps`.
    public init(pid: ProcessID) throws(ProcessError) {
        let text = try ProcFiles.readText("/proc/\(pid)/maps", pid: pid)
        self.init(parsing: text)
    }

    /// True when `address` lies in some mapping (used to reject garbage pointers cheaply).
    public func contains(_ address: RemoteAddress) -> Bool {
        mapping(containing: address) != nil
    }

    public func mapping(containing address: RemoteAddress) -> MemoryMapping? {
        // Mappings are sorted by start address.
        guard let candidate = mappings.last(startingAtOrBelow: address.rawValue, start: \.start) else { return nil }
        return candidate.contains(address) ? candidate : nil
    }

    static func parseLine(_ line: Substring) -> MemoryMapping? {
        // start-end perms offset dev inode [path]; the path may contain spaces, so split only the first 5 fields.
        var fields: [Substring] = []
        var rest = line[...]
        for _ in 0..<5 {
            rest = rest.drop(while: { $0 == " " })
            guard let end = rest.firstIndex(of: " ") ?? (rest.isEmpty ? nil : rest.endIndex) else { return nil }
            fields.append(rest[rest.startIndex..<end])
            rest = rest[end...]
        }
        var path = String(rest.drop(while: { $0 == " " }))
        let range = fields[0].split(separator: "-")
        guard range.count == 2, let start = UInt64(range[0], radix: 16), let end = UInt64(range[1], radix: 16),
              let offset = UInt64(fields[2], radix: 16), let inode = UInt64(fields[4]) else { return nil }
        let perms = Array(fields[1])
        guard perms.count >= 3 else { return nil }
        var deleted = false
        if path.hasSuffix(" (deleted)") {
            deleted = true
            path.removeLast(" (deleted)".count)
        }
        return MemoryMapping(
            start: start, end: end, isReadable: perms[0] == "r", isWritable: perms[1] == "w",
            isExecutable: perms[2] == "x", fileOffset: offset, inode: inode, path: path, isDeleted: deleted)
    }
}
