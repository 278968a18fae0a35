import CPythonLayouts
import ProcessAccess

/// One object to read as part of a batch.
enum ObjectRequest: Sendable, Equatable {
    /// The text of a Python 3 `str`.
    case string(RemoteAddress)
    /// The contents of a `bytes` object.
    case bytes(RemoteAddress)
    /// Only `ob_size` of a variable-size object (a `bytes` object's length).
    case size(RemoteAddress)

    var address: RemoteAddress {
        switch self {
        case .string(let address), .bytes(let address), .size(let address): address
        }
    }
}

/// What a request read.
enum ObjectContent: Sendable, Equatable {
    case string(String)
    case bytes([UInt8])
    case size(Int64)
}

extension ObjectReader {
    /// Reads several small objects in two vectored calls (often one) instead of two or three calls each: first
    /// every object's header together with what follows it up to `batchWindow` bytes (stopping at the end of
    /// the header's page, so nothing unreadable is touched), which holds the characters of a compact string and
    /// the contents of a short `bytes` object; then, in one more call, whatever did not fit.
    ///
    /// Returns nil, having decided nothing, when anything is out of the ordinary: a failed read, an
    /// implausible size, a legacy (non-compact) string, or Python 2, whose strings need their type read first.
    /// The caller then reads the objects one by one as before, which gives exactly the old results and errors.
    func batch(_ requests: [ObjectRequest]) -> [ObjectContent]? {
        guard !isPython2, !requests.isEmpty, let heads = readHeads(requests) else { return nil }
        var payloads: [(index: Int, range: RemoteRange)] = []
        var contents: [ObjectContent?] = []
        for (index, request) in requests.enumerated() {
            guard let payload = payloadRange(of: request, head: heads[index]) else { return nil }
            if let payload, let local = heads[index].slice(payload) {
                contents.append(content(of: request, raw: local, head: heads[index]))
            } else if let payload {
                payloads.append((index, payload))
                contents.append(nil)
            } else {
                contents.append(content(of: request, raw: [], head: heads[index]))
            }
        }
        if !payloads.isEmpty {
            guard let raws = readAll(payloads.map(\.range)) else { return nil }
            for (slot, raw) in zip(payloads, raws) {
                contents[slot.index] = content(of: requests[slot.index], raw: raw, head: heads[slot.index])
            }
        }
        return contents.allSatisfy { $0 != nil } ? contents.compactMap { $0 } : nil
    }

    /// How far past an object's start the first read looks, at most.
    static var batchWindow: Int { 1024 }

    /// The bytes each request's object needs before its payload can be found.
    private func headerLength(of request: ObjectRequest) -> Int? {
        switch request {
        case .string:
            guard let asciiSize = layout.asciiObjectSize, let stateOffset = layout.unicodeState else { return nil }
            return max(asciiSize, stateOffset + 4)
        case .bytes: return layout.bytesData
        case .size: return layout.varObjectSize + 8
        }
    }

    /// Every object's header and, within its page and `batchWindow`, what follows; nil if any read fails.
    private func readHeads(_ requests: [ObjectRequest]) -> [RemoteBlock]? {
        var ranges: [RemoteRange] = []
        for request in requests {
            guard let header = headerLength(of: request) else { return nil }
            let start = request.address.rawValue
            let pageEnd = (start | 4095) &+ 1
            let windowEnd = start &+ UInt64(Self.batchWindow)
            let end = max(start &+ UInt64(header), min(windowEnd, pageEnd == 0 ? windowEnd : pageEnd))
            guard end > start else { return nil }
            ranges.append(RemoteRange(start: start, length: Int(end - start)))
        }
        guard let raws = readAll(ranges) else { return nil }
        return zip(ranges, raws).map { RemoteBlock(base: RemoteAddress($0.start), bytes: $1) }
    }

    /// Reads `ranges` in one vectored call; nil unless all were read completely.
    private func readAll(_ ranges: [RemoteRange]) -> [[UInt8]]? {
        let total = ranges.reduce(0) { $0 + $1.length }
        var buffer = [UInt8](repeating: 0, count: total)
        let got = buffer.withUnsafeMutableBytes { raw in
            raw.baseAddress.map { memory.readRanges(ranges[...], into: $0) } ?? 0
        }
        guard got == ranges.count else { return nil }
        var result: [[UInt8]] = []
        var offset = 0
        for range in ranges {
            result.append(Array(buffer[offset..<offset + range.length]))
            offset += range.length
        }
        return result
    }

    /// Where the request's payload is (`.some(nil)` when it has none), or nil when the header is out of the
    /// ordinary and the one-by-one path should decide.
    private func payloadRange(of request: ObjectRequest, head: RemoteBlock) -> RemoteRange?? {
        switch request {
        case .size:
            return .some(nil)
        case .bytes(let object):
            guard let size = head.integer(at: layout.varObjectSize, as: Int64.self), size >= 0,
                size < Self.maxBytesLength
            else { return nil }
            return .some(size == 0 ? nil : RemoteRange(object + layout.bytesData, length: Int(size)))
        case .string(let object):
            guard let lengthOffset = layout.unicodeLength, let stateOffset = layout.unicodeState,
                let asciiSize = layout.asciiObjectSize, let compactSize = layout.compactUnicodeObjectSize,
                let length = head.integer(at: lengthOffset, as: Int64.self),
                let state = head.integer(at: stateOffset, as: UInt32.self),
                length >= 0, length < Self.maxStringLength
            else { return nil }
            if length == 0 { return .some(nil) }
            let kind = Int((state >> 2) & 7)
            let compact = (state >> 5) & 1 == 1
            let ascii = (state >> 6) & 1 == 1
            guard kind == 1 || kind == 2 || kind == 4, compact else { return nil }
            return .some(RemoteRange(object + (ascii ? asciiSize : compactSize), length: Int(length) * kind))
        }
    }

    /// Decodes a request from its header and payload bytes (both already validated by `payloadRange`).
    private func content(of request: ObjectRequest, raw: [UInt8], head: RemoteBlock) -> ObjectContent? {
        switch request {
        case .size:
            return head.integer(at: layout.varObjectSize, as: Int64.self).map { .size($0) }
        case .bytes:
            return .bytes(raw)
        case .string:
            guard !raw.isEmpty else { return .string("") }
            guard let state = head.integer(at: layout.unicodeState ?? 0, as: UInt32.self) else { return nil }
            return .string(Self.decode(raw, kind: Int((state >> 2) & 7), ascii: (state >> 6) & 1 == 1))
        }
    }
}

extension RemoteBlock {
    /// The bytes of `range` when the block holds all of them.
    func slice(_ range: RemoteRange) -> [UInt8]? {
        guard range.start >= base.rawValue else { return nil }
        let offset = range.start - base.rawValue
        guard offset <= UInt64(bytes.count), UInt64(range.length) <= UInt64(bytes.count) - offset else { return nil }
        return Array(bytes[Int(offset)..<Int(offset) + range.length])
    }
}
