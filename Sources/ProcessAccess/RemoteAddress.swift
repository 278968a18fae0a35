/// An address in another process's address space. Never a Swift pointer: it is only ever handed to a
/// `MemorySource`, and it may be garbage (the target can change under us at any moment).
public struct RemoteAddress: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue }
    public init(_ rawValue: UInt64) { self.rawValue = rawValue }

    public static let null = RemoteAddress(0)
    public var isNull: Bool { rawValue == 0 }

    /// The address `offset` bytes further on, or nil when that would wrap around.
    public func advanced(by offset: Int) -> RemoteAddress? {
        if offset >= 0 {
            let (sum, overflow) = rawValue.addingReportingOverflow(UInt64(offset))
            return overflow ? nil : RemoteAddress(sum)
        }
        let magnitude = UInt64(offset.magnitude)
        return magnitude > rawValue ? nil : RemoteAddress(rawValue - magnitude)
    }

    /// Convenience for layouts: `base + offset`, trapping never; an overflowing result becomes `.null`.
    public static func + (lhs: RemoteAddress, rhs: Int) -> RemoteAddress { lhs.advanced(by: rhs) ?? .null }

    public static func < (lhs: RemoteAddress, rhs: RemoteAddress) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { "0x" + String(rawValue, radix: 16) }
}

/// A process id.
public typealias ProcessID = Int32
/// A kernel thread id (what `/proc/PID/task` lists and `gettid()` returns).
public typealias ThreadID = Int32
