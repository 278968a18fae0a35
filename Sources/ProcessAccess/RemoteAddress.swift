/// An address in another process's address space. Never a Swift pointer: it is only ever handed to a
/// `MemorySource`, and it may be garbage (the target can change under us at any moment).
package struct RemoteAddress: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    package var rawValue: UInt64

    package init(rawValue: UInt64) { self.rawValue = rawValue }
    package init(_ rawValue: UInt64) { self.rawValue = rawValue }

    package static let null = RemoteAddress(0)
    package var isNull: Bool { rawValue == 0 }

    /// The address `offset` bytes further on, or nil when that would wrap around.
    package func advanced(by offset: Int) -> RemoteAddress? {
        if offset >= 0 {
            let (sum, overflow) = rawValue.addingReportingOverflow(UInt64(offset))
            return overflow ? nil : RemoteAddress(sum)
        }
        let magnitude = UInt64(offset.magnitude)
        return magnitude > rawValue ? nil : RemoteAddress(rawValue - magnitude)
    }

    /// Convenience for layouts: `base + offset`, trapping never; an overflowing result becomes `.null`.
    package static func + (lhs: RemoteAddress, rhs: Int) -> RemoteAddress { lhs.advanced(by: rhs) ?? .null }

    package static func < (lhs: RemoteAddress, rhs: RemoteAddress) -> Bool { lhs.rawValue < rhs.rawValue }

    package var description: String { "0x" + String(rawValue, radix: 16) }
}

/// A process id.
package typealias ProcessID = Int32
/// A kernel thread id (what `/proc/PID/task` lists and `gettid()` returns).
package typealias ThreadID = Int32
