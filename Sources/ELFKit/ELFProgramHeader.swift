/// A program header type (`p_type`).
package struct ELFSegmentType: RawRepresentable, Hashable, Sendable {
    package let rawValue: UInt32
    package init(rawValue: UInt32) { self.rawValue = rawValue }

    package static let null = ELFSegmentType(rawValue: 0)
    /// PT_LOAD: a range of the file mapped into memory; the only kind that matters for load bias.
    package static let load = ELFSegmentType(rawValue: 1)
    package static let dynamic = ELFSegmentType(rawValue: 2)
    package static let interpreter = ELFSegmentType(rawValue: 3)
    package static let note = ELFSegmentType(rawValue: 4)
    package static let programHeaders = ELFSegmentType(rawValue: 6)
    package static let threadLocalStorage = ELFSegmentType(rawValue: 7)
    package static let gnuEHFrame = ELFSegmentType(rawValue: 0x6474_e550)
    package static let gnuStack = ELFSegmentType(rawValue: 0x6474_e551)
    package static let gnuRelro = ELFSegmentType(rawValue: 0x6474_e552)
}

/// Segment permissions (`p_flags`).
package struct ELFSegmentFlags: OptionSet, Hashable, Sendable {
    package let rawValue: UInt32
    package init(rawValue: UInt32) { self.rawValue = rawValue }

    package static let execute = ELFSegmentFlags(rawValue: 1)
    package static let write = ELFSegmentFlags(rawValue: 2)
    package static let read = ELFSegmentFlags(rawValue: 4)
}

/// One program header (`Elf64_Phdr`): how a range of the file is laid out in memory.
package struct ELFProgramHeader: Hashable, Sendable {
    static let minimumEntrySize = 56

    package let type: ELFSegmentType
    package let flags: ELFSegmentFlags
    /// `p_offset`: where the segment's bytes start in the file.
    package let offset: UInt64
    /// `p_vaddr`: where they start in memory, before the load bias is added.
    package let virtualAddress: UInt64
    package let fileSize: UInt64
    /// `p_memsz`: at least `fileSize`; the excess is zero-filled (`.bss`).
    package let memorySize: UInt64
    package let alignment: UInt64

    package init(
        type: ELFSegmentType, flags: ELFSegmentFlags, offset: UInt64, virtualAddress: UInt64,
        fileSize: UInt64, memorySize: UInt64, alignment: UInt64
    ) {
        self.type = type
        self.flags = flags
        self.offset = offset
        self.virtualAddress = virtualAddress
        self.fileSize = fileSize
        self.memorySize = memorySize
        self.alignment = alignment
    }

    init(_ record: LittleEndianRecord) {
        type = ELFSegmentType(rawValue: record.u32(0))
        flags = ELFSegmentFlags(rawValue: record.u32(4))
        offset = record.u64(8)
        virtualAddress = record.u64(16)
        fileSize = record.u64(32)
        memorySize = record.u64(40)
        alignment = record.u64(48)
    }

    /// True when `address` (unbiased) lies in `[p_vaddr, p_vaddr + p_memsz)`; never overflows.
    package func contains(virtualAddress address: UInt64) -> Bool {
        address >= virtualAddress && address - virtualAddress < memorySize
    }
}
