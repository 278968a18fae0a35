/// A section type (`sh_type`).
package struct ELFSectionType: RawRepresentable, Hashable, Sendable {
    package let rawValue: UInt32
    package init(rawValue: UInt32) { self.rawValue = rawValue }

    package static let null = ELFSectionType(rawValue: 0)
    package static let programBits = ELFSectionType(rawValue: 1)
    /// SHT_SYMTAB: the full symbol table, including local statics; absent from stripped files.
    package static let symbolTable = ELFSectionType(rawValue: 2)
    package static let stringTable = ELFSectionType(rawValue: 3)
    package static let relocationsWithAddends = ELFSectionType(rawValue: 4)
    package static let hash = ELFSectionType(rawValue: 5)
    package static let dynamic = ELFSectionType(rawValue: 6)
    package static let note = ELFSectionType(rawValue: 7)
    /// SHT_NOBITS: occupies memory but no file bytes (`.bss`, `.tbss`).
    package static let noBits = ELFSectionType(rawValue: 8)
    package static let relocations = ELFSectionType(rawValue: 9)
    /// SHT_DYNSYM: the exported symbols, kept even in stripped files.
    package static let dynamicSymbolTable = ELFSectionType(rawValue: 11)
}

/// Section attributes (`sh_flags`).
package struct ELFSectionFlags: OptionSet, Hashable, Sendable {
    package let rawValue: UInt64
    package init(rawValue: UInt64) { self.rawValue = rawValue }

    package static let write = ELFSectionFlags(rawValue: 1)
    package static let allocate = ELFSectionFlags(rawValue: 2)
    package static let executable = ELFSectionFlags(rawValue: 4)
}

/// One section header (`Elf64_Shdr`) with its name resolved from the section-name string table.
package struct ELFSection: Hashable, Sendable {
    static let minimumEntrySize = 64

    /// Position in the section header table (what a symbol's `st_shndx` refers to).
    package let index: Int
    /// The name from `.shstrtab`; empty when the file has no usable name table.
    package internal(set) var name: String
    package let type: ELFSectionType
    package let flags: ELFSectionFlags
    /// `sh_addr`: the unbiased address in memory, 0 for sections that are not loaded.
    package let address: UInt64
    /// `sh_offset`: where the bytes are in the file (meaningless for SHT_NOBITS).
    package let offset: UInt64
    package let size: UInt64
    /// `sh_link`: for symbol tables, the index of their string table.
    package let link: UInt32
    package let info: UInt32
    package let entrySize: UInt64

    let nameOffset: UInt32

    init(index: Int, _ record: LittleEndianRecord) {
        self.index = index
        name = ""
        nameOffset = record.u32(0)
        type = ELFSectionType(rawValue: record.u32(4))
        flags = ELFSectionFlags(rawValue: record.u64(8))
        address = record.u64(16)
        offset = record.u64(24)
        size = record.u64(32)
        link = record.u32(40)
        info = record.u32(44)
        entrySize = record.u64(56)
    }

    /// True for SHT_NOBITS sections, which have a size in memory but no bytes in the file.
    package var hasFileBytes: Bool { type != .noBits && type != .null }
}
