/// What kind of object a file is (`e_type`). A profiler cares about the difference between a fixed-address
/// executable, whose load bias is always 0, and a position-independent executable or shared library.
package struct ELFFileType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    package let rawValue: UInt16
    package init(rawValue: UInt16) { self.rawValue = rawValue }

    package static let relocatable = ELFFileType(rawValue: 1)
    /// ET_EXEC: linked at fixed addresses (a non-PIE executable such as Debian's `/usr/bin/python3.11`).
    package static let executable = ELFFileType(rawValue: 2)
    /// ET_DYN: a shared library or a PIE executable, loaded at a bias chosen by the kernel or ld.so.
    package static let sharedObject = ELFFileType(rawValue: 3)
    package static let core = ELFFileType(rawValue: 4)

    package var description: String {
        switch self {
        case .relocatable: "ET_REL"
        case .executable: "ET_EXEC"
        case .sharedObject: "ET_DYN"
        case .core: "ET_CORE"
        default: "e_type \(rawValue)"
        }
    }
}

/// The ELF64 file header (`Elf64_Ehdr`), reduced to the fields needed to find the other tables.
package struct ELFHeader: Hashable, Sendable {
    package static let size = 64

    package let type: ELFFileType
    /// `e_machine` (62 is x86-64).
    package let machine: UInt16
    package let entry: UInt64
    package let programHeaderOffset: UInt64
    package let sectionHeaderOffset: UInt64
    package let programHeaderEntrySize: UInt16
    /// `e_phnum` as stored; `ELFFile` resolves the PN_XNUM escape.
    package let programHeaderCount: UInt16
    package let sectionHeaderEntrySize: UInt16
    /// `e_shnum` as stored; 0 with a non-zero table offset means the count is in section 0's `sh_size`.
    package let sectionHeaderCount: UInt16
    /// `e_shstrndx` as stored; SHN_XINDEX (0xffff) means the index is in section 0's `sh_link`.
    package let sectionNameTableIndex: UInt16

    /// Decodes and validates the identification bytes and the header.
    init(_ bytes: [UInt8]) throws(ELFError) {
        guard bytes.count >= 4, bytes[0] == 0x7f, bytes[1] == 0x45, bytes[2] == 0x4c, bytes[3] == 0x46 else {
            throw .notELF
        }
        guard bytes.count >= 6 else {
            throw .truncated(what: "ELF identification", offset: 0, count: 16, fileSize: UInt64(bytes.count))
        }
        guard bytes[4] == 2 else { throw .not64Bit(elfClass: bytes[4]) }
        guard bytes[5] == 1 else { throw .notLittleEndian(dataEncoding: bytes[5]) }
        guard bytes.count >= Self.size else {
            throw .truncated(what: "ELF header", offset: 0, count: UInt64(Self.size), fileSize: UInt64(bytes.count))
        }
        let record = LittleEndianRecord(bytes)
        type = ELFFileType(rawValue: record.u16(16))
        machine = record.u16(18)
        entry = record.u64(24)
        programHeaderOffset = record.u64(32)
        sectionHeaderOffset = record.u64(40)
        programHeaderEntrySize = record.u16(54)
        programHeaderCount = record.u16(56)
        sectionHeaderEntrySize = record.u16(58)
        sectionHeaderCount = record.u16(60)
        sectionNameTableIndex = record.u16(62)
    }
}
