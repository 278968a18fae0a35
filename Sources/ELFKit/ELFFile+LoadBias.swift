#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Relating the file to where it is mapped in a running process.
///
/// The kernel and ld.so map each PT_LOAD segment at page granularity: the mapping of a segment starts at
/// `bias + pageAlignDown(p_vaddr)` and maps the file from `pageAlignDown(p_offset)`. One line of
/// `/proc/PID/maps` (its start address and file offset) is therefore enough to recover the bias, whichever
/// segment that line happens to be.
extension ELFFile {
    /// The page size of this machine, which is the granularity mappings are made at.
    package static let systemPageSize: UInt64 = {
        let size = sysconf(Int32(_SC_PAGESIZE))
        return size > 0 ? UInt64(size) : 4096
    }()

    /// The load bias (the amount added to every `p_vaddr` and symbol value) given one mapping of this file.
    ///
    /// The PT_LOAD whose page-aligned `p_offset` equals `mappingFileOffset` decides it:
    /// `mappingStart − pageAlignDown(p_vaddr)`. When no segment starts at that offset (the kernel splits a
    /// segment into several maps lines when part of it is re-protected, as RELRO does), the segment whose file
    /// range contains the offset is used, with the distance into it accounted for. ET_EXEC files are not
    /// relocated, so their bias is 0. Nil when no segment fits or the numbers are inconsistent.
    package func loadBias(
        mappingStart: UInt64, mappingFileOffset: UInt64, pageSize: UInt64 = ELFFile.systemPageSize
    ) -> UInt64? {
        if type == .executable { return 0 }
        guard pageSize > 0, pageSize & (pageSize - 1) == 0 else { return nil }
        let mask = ~(pageSize - 1)
        let segments = loadSegments
        let exact = segments.first { $0.offset & mask == mappingFileOffset }
        let containing = segments.first { segment in
            let (end, overflow) = segment.offset.addingReportingOverflow(segment.fileSize)
            return mappingFileOffset >= segment.offset & mask && (overflow || mappingFileOffset < end)
        }
        guard let segment = exact ?? containing else { return nil }
        let distanceIntoSegment = mappingFileOffset - (segment.offset & mask)
        let (segmentStart, overflow) = (segment.virtualAddress & mask).addingReportingOverflow(distanceIntoSegment)
        guard !overflow, mappingStart >= segmentStart else { return nil }
        return mappingStart - segmentStart
    }

    /// The PT_LOAD segment whose memory range `[p_vaddr, p_vaddr + p_memsz)` holds the unbiased `address`.
    package func loadSegment(containing address: UInt64) -> ELFProgramHeader? {
        programHeaders.first { $0.type == .load && $0.contains(virtualAddress: address) }
    }
}
