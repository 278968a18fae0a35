/// A program header type (`p_type`).
public struct ELFSegmentType: RawRepresentable, Hashable, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let null = ELFSegmentType(rawValue: 0)
    /// PT_LOAD: a range of the file mapped into memory; the only kind that matters for load bias.
    public static let load = ELFSegmentType(rawValue: 1)
    public static let dynamic = ELFSegmentType(rawValue: 2)
    public static let interpreter = ELFSegmentType(rawValue: 3)
    public static let note = ELFSegmentType(rawValue: 4)
    public static let programHeaders = ELFSegmentType(rawValue: 6)
    public static let threadLocalStorage = ELFSegmentType(rawValue: 7)
    public static let gnuEHFrame = ELFSegmentType(rawValue: 0x6474_e550)
    public static let gnuStack = ELFSegmentType(rawValue: 0x6474_e551)
    public static let gnuRelro = ELFSegmentType(rawValue: 0x6474_e552)
}

/// Segment permissions (`p_flags`).
public struct ELFSegmentFlags: OptionSet, Hashable, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let execute = ELFSegmentFlags(rawValue: 1)
    public static let write = ELFSegmentFlags(rawValue: 2)
    public static let read = ELFSegmentFlags(rawValue: 4)
}

/// One program header (`Elf64_Phdr`): how a range of the file is laid out in memory.
public struct ELFProgramHeader: Hashable, Sendable {
    static let minimumEntrySize = 56

    public let type: ELFSegmentType
    public let flags: ELFSegmentFlags
    /// `p_offset`: where the segment's bytes start in the file.
    public let offset: UInt64
    /// `p_vaddr`: where they start in memory, before the load bias is added.
    public let virtualAddress: UInt64
    public let fileSize: UInt64
    /// `p_memsz`: at least `fileSize`; the excess is zero-filled (`.bss`).
    public let memorySize: UInt64
    public let alignment: UInt64

    public init(
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
    public func contains(virtualAddress address: UInt64) -> Bool {
        address >= virtualAddress && address - virtualAddress < memorySize
    }
}
