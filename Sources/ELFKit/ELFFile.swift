/// An ELF64 little-endian file: its header, program headers and named section headers, parsed eagerly
/// (they are small), with symbols and section contents read on demand through the byte source.
///
/// Parsing reads the 64-byte header, the two header tables and the section-name string table, nothing more,
/// so opening a 20 MB libpython costs four small `pread` calls. Every offset and count comes from the file
/// and is checked before use: a damaged file throws an `ELFError`, it never traps.
package struct ELFFile: Sendable {
    package let header: ELFHeader
    package let programHeaders: [ELFProgramHeader]
    /// All section headers in table order (so `sections[symbol.sectionIndex]` works), names resolved.
    package let sections: [ELFSection]
    let source: any ELFByteSource

    /// Opens and parses the file at `path` (reads with `pread`; the file is never loaded whole).
    package init(path: String) throws(ELFError) {
        try self.init(source: FileByteSource(path: path))
    }

    /// Parses an image held in memory.
    package init(bytes: [UInt8]) throws(ELFError) {
        try self.init(source: ByteArraySource(bytes))
    }

    /// Parses an image from any byte source.
    package init(source: any ELFByteSource) throws(ELFError) {
        self.source = source
        let headerBytes = try source.checkedRead(
            offset: 0, count: min(source.size, UInt64(ELFHeader.size)), what: "ELF header")
        header = try ELFHeader(headerBytes)

        let firstSection = try Self.readFirstSection(header: header, source: source)
        sections = try Self.readSections(header: header, first: firstSection, source: source)
        programHeaders = try Self.readProgramHeaders(header: header, first: firstSection, source: source)
    }

    package var type: ELFFileType { header.type }

    /// The PT_LOAD program headers, in file order.
    package var loadSegments: [ELFProgramHeader] { programHeaders.filter { $0.type == .load } }

    /// The first section called `name` (such as `.bss`, `.data`, `.PyRuntime`).
    package func section(named name: String) -> ELFSection? {
        sections.first { $0.name == name }
    }

    /// The largest SHT_NOBITS section named `.bss` (or unnamed): where a binary's zero-initialised statics
    /// live, e.g. the `sys.version` buffer a version probe scans for.
    package var largestBSS: ELFSection? {
        sections
            .filter { $0.type == .noBits && ($0.name == ".bss" || $0.name.isEmpty) }
            .max { $0.size < $1.size }
    }

    /// The bytes of a section as stored in the file; empty for SHT_NOBITS sections.
    package func contents(of section: ELFSection) throws(ELFError) -> [UInt8] {
        guard section.hasFileBytes else { return [] }
        return try source.checkedRead(offset: section.offset, count: section.size, what: "section \(section.name)")
    }

    /// `count` bytes at `offset` in the file, bounds-checked.
    package func bytes(atFileOffset offset: UInt64, count: UInt64) throws(ELFError) -> [UInt8] {
        try source.checkedRead(offset: offset, count: count, what: "file range")
    }
}

// MARK: - Header tables

extension ELFFile {
    /// Section 0, which holds the real section count, name-table index and program-header count when they
    /// overflow their 16-bit header fields. Nil when the file has no section table.
    private static func readFirstSection(header: ELFHeader, source: any ELFByteSource)
        throws(ELFError) -> ELFSection?
    {
        guard header.sectionHeaderOffset != 0 else { return nil }
        guard Int(header.sectionHeaderEntrySize) >= ELFSection.minimumEntrySize else {
            throw .malformed("section header entry size \(header.sectionHeaderEntrySize) is below 64")
        }
        let bytes = try source.checkedRead(
            offset: header.sectionHeaderOffset, count: UInt64(ELFSection.minimumEntrySize), what: "section header 0")
        return ELFSection(index: 0, LittleEndianRecord(bytes))
    }

    private static func readSections(header: ELFHeader, first: ELFSection?, source: any ELFByteSource)
        throws(ELFError) -> [ELFSection]
    {
        guard let first else { return [] }
        let count = header.sectionHeaderCount == 0 ? first.size : UInt64(header.sectionHeaderCount)
        let entrySize = UInt64(header.sectionHeaderEntrySize)
        let table = try readTable(
            offset: header.sectionHeaderOffset, count: count, entrySize: entrySize, what: "section headers",
            source: source)
        var sections = (0..<Int(count)).map { index in
            ELFSection(index: index, LittleEndianRecord(table, at: index * Int(entrySize)))
        }

        let nameIndex = header.sectionNameTableIndex == 0xffff ? Int(first.link) : Int(header.sectionNameTableIndex)
        guard nameIndex != 0 else { return sections }
        guard nameIndex < sections.count else {
            throw .malformed("section name table index \(nameIndex) is past the \(sections.count) sections")
        }
        let nameTable = sections[nameIndex]
        guard nameTable.hasFileBytes else { throw .malformed("section name table has no bytes in the file") }
        let names = try source.checkedRead(offset: nameTable.offset, count: nameTable.size, what: "section names")
        for index in sections.indices {
            sections[index].name = StringTable(names).string(at: sections[index].nameOffset) ?? ""
        }
        return sections
    }

    private static func readProgramHeaders(header: ELFHeader, first: ELFSection?, source: any ELFByteSource)
        throws(ELFError) -> [ELFProgramHeader]
    {
        // PN_XNUM: too many program headers for e_phnum; the real count is in section 0's sh_info.
        let count =
            header.programHeaderCount == 0xffff
            ? UInt64(first?.info ?? 0) : UInt64(header.programHeaderCount)
        guard count > 0 else { return [] }
        guard Int(header.programHeaderEntrySize) >= ELFProgramHeader.minimumEntrySize else {
            throw .malformed("program header entry size \(header.programHeaderEntrySize) is below 56")
        }
        let entrySize = UInt64(header.programHeaderEntrySize)
        let table = try readTable(
            offset: header.programHeaderOffset, count: count, entrySize: entrySize, what: "program headers",
            source: source)
        return (0..<Int(count)).map { index in
            ELFProgramHeader(LittleEndianRecord(table, at: index * Int(entrySize)))
        }
    }

    /// Reads `count` entries of `entrySize` bytes, refusing sizes that overflow or leave the file.
    static func readTable(
        offset: UInt64, count: UInt64, entrySize: UInt64, what: String, source: any ELFByteSource
    ) throws(ELFError) -> [UInt8] {
        let (total, overflow) = count.multipliedReportingOverflow(by: entrySize)
        guard !overflow else { throw .truncated(what: what, offset: offset, count: .max, fileSize: source.size) }
        return try source.checkedRead(offset: offset, count: total, what: what)
    }
}
