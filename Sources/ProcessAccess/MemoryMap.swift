/// One line of `/proc/PID/maps`.
package struct MemoryMapping: Sendable, Hashable {
    package var start: UInt64
    package var end: UInt64
    package var isReadable: Bool
    package var isWritable: Bool
    package var isExecutable: Bool
    /// Offset of the mapping in its file.
    package var fileOffset: UInt64
    package var inode: UInt64
    /// The mapped file's path as the target sees it (without a ` (deleted)` suffix), or a pseudo name such as
    /// `[heap]`, or empty for anonymous memory.
    package var path: String
    /// True when the file was deleted after it was mapped (the kernel appends ` (deleted)`).
    package var isDeleted: Bool

    package init(
        start: UInt64, end: UInt64, isReadable: Bool, isWritable: Bool, isExecutable: Bool,
        fileOffset: UInt64, inode: UInt64, path: String, isDeleted: Bool
    ) {
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

    package var size: UInt64 { end - start }

    package func contains(_ address: RemoteAddress) -> Bool {
        address.rawValue >= start && address.rawValue < end
    }
}

/// The parsed `/proc/PID/maps` of a process.
package struct MemoryMap: Sendable {
    package var mappings: [MemoryMapping]

    package init(mappings: [MemoryMapping]) { self.mappings = mappings.sorted { $0.start < $1.start } }

    /// Parses the text of a maps file. Lines that do not parse are skipped (the format is the kernel's and
    /// stable, but a robust reader never fails a whole attach on one odd line).
    package init(parsing text: String) {
        var text = text
        mappings = text.withUTF8 { MapsParser.mappings(in: $0) }
    }

    /// Reads `/proc/PID/maps`, parsing its bytes directly (no intermediate `String`: a big process has
    /// hundreds of lines and this runs on every attach).
    package init(pid: ProcessID) throws(ProcessError) {
        let bytes = try ProcFiles.readBytes("/proc/\(pid)/maps", pid: pid)
        mappings = bytes.withUnsafeBufferPointer { MapsParser.mappings(in: $0) }
    }

    /// True when `address` lies in some mapping (used to reject garbage pointers cheaply).
    package func contains(_ address: RemoteAddress) -> Bool {
        mapping(containing: address) != nil
    }

    package func mapping(containing address: RemoteAddress) -> MemoryMapping? {
        // Mappings are sorted by start address.
        guard let candidate = mappings.last(startingAtOrBelow: address.rawValue, start: \.start) else { return nil }
        return candidate.contains(address) ? candidate : nil
    }
}
