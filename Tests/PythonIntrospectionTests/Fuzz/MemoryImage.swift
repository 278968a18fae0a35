import MemoryTestSupport
import ProcessAccess
#if canImport(Glibc)
import Glibc
#endif

/// A copy of the pages a walk read from a process (live or fake), at their original addresses, answering reads
/// like the process would: a read that leaves the copied pages fails as an unmapped address does. Its content
/// can be replaced between walks, so that a walker's caches see memory change under them, as in a live target.
final class MemoryImage: MemorySource, @unchecked Sendable {
    static let pageSize: UInt64 = 4096

    /// Page number (address / 4096) → the page's bytes, kept sorted by page number.
    private(set) var pageNumbers: [UInt64]
    private(set) var pages: [[UInt8]]

    init(pages: [UInt64: [UInt8]]) {
        pageNumbers = pages.keys.sorted()
        self.pages = pageNumbers.map { pages[$0] ?? [] }
    }

    /// Replaces every page's bytes (same addresses).
    func replaceContents(with contents: [[UInt8]]) {
        precondition(contents.count == pages.count)
        pages = contents
    }

    /// Every page's address and bytes.
    var contents: [[UInt8]] { pages }

    private func index(ofPage number: UInt64) -> Int? {
        var low = 0, high = pageNumbers.count
        while low < high {
            let middle = (low + high) / 2
            if pageNumbers[middle] < number { low = middle + 1 } else { high = middle }
        }
        return low < pageNumbers.count && pageNumbers[low] == number ? low : nil
    }

    func read(_ address: RemoteAddress, into buffer: UnsafeMutableRawBufferPointer) throws(MemoryReadError) {
        let count = buffer.count
        guard count > 0 else { return }
        let (end, overflow) = address.rawValue.addingReportingOverflow(UInt64(count))
        guard !overflow else { throw .badAddress(address, count: count) }
        var cursor = address.rawValue
        var written = 0
        while cursor < end {
            guard let index = index(ofPage: cursor / Self.pageSize) else { throw .badAddress(address, count: count) }
            let offset = Int(cursor % Self.pageSize)
            let take = min(Int(Self.pageSize) - offset, Int(end - cursor))
            pages[index].withUnsafeBytes { page in
                (buffer.baseAddress! + written).copyMemory(from: page.baseAddress! + offset, byteCount: take)
            }
            written += take
            cursor += UInt64(take)
        }
    }

    /// Copies every page of `numbers` from `source`; pages it cannot read are left out (unmapped).
    static func copy<Source: MemorySource>(pages numbers: Set<UInt64>, from source: Source) -> MemoryImage {
        var pages: [UInt64: [UInt8]] = [:]
        for number in numbers {
            if let bytes = try? source.readBytes(RemoteAddress(number * pageSize), count: Int(pageSize)) {
                pages[number] = bytes
            }
        }
        return MemoryImage(pages: pages)
    }

    /// Copies every page of `numbers` from fake memory, whose regions need not fill whole pages: the bytes
    /// outside every region are zero, as fresh anonymous memory would be.
    static func copy(pages numbers: Set<UInt64>, from fake: FakeMemory) -> MemoryImage {
        var pages: [UInt64: [UInt8]] = [:]
        for number in numbers { pages[number] = [UInt8](repeating: 0, count: Int(pageSize)) }
        for (start, bytes) in fake.regions {
            for (index, byte) in bytes.enumerated() {
                let address = start.rawValue + UInt64(index)
                let page = address / pageSize
                if pages[page] != nil { pages[page]?[Int(address % pageSize)] = byte }
            }
        }
        return MemoryImage(pages: pages)
    }
}

/// Passes reads through to `base` and notes every page they touched: what a walk needs, to be copied.
final class PageRecordingMemory<Base: MemorySource>: MemorySource, @unchecked Sendable {
    let base: Base
    private(set) var touched = Set<UInt64>()

    init(base: Base) { self.base = base }

    func read(_ address: RemoteAddress, into buffer: UnsafeMutableRawBufferPointer) throws(MemoryReadError) {
        try base.read(address, into: buffer)
        guard buffer.count > 0 else { return }
        let first = address.rawValue / MemoryImage.pageSize
        let last = (address.rawValue + UInt64(buffer.count) - 1) / MemoryImage.pageSize
        for page in first...last { touched.insert(page) }
    }
}
