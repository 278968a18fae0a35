import CPythonLayouts
import ProcessAccess

/// Reads Python objects out of the target: strings, bytes, ints and type flags, following the given layout.
/// Every length comes from the target and is bounded before anything is allocated.
struct ObjectReader<Memory: MemorySource>: Sendable {
    let memory: Memory
    let layout: PythonLayout
    let isPython2: Bool

    /// Longest string copied (names, file names, thread names); py-spy refuses 4096 and more too.
    static var maxStringLength: Int { 4096 }
    /// Longest line table copied.
    static var maxBytesLength: Int { 1 << 20 }

    // Type flag bits from Include/object.h.
    static var longSubclassFlag: UInt64 { 1 << 24 }
    static var listSubclassFlag: UInt64 { 1 << 25 }
    static var tupleSubclassFlag: UInt64 { 1 << 26 }
    static var bytesSubclassFlag: UInt64 { 1 << 27 }
    static var unicodeSubclassFlag: UInt64 { 1 << 28 }
    static var dictSubclassFlag: UInt64 { 1 << 29 }
    /// Python 2's `Py_TPFLAGS_INT_SUBCLASS`.
    static var intSubclassFlag: UInt64 { 1 << 23 }

    func typeOf(_ object: RemoteAddress) throws(MemoryReadError) -> RemoteAddress {
        try memory.readPointer(object + layout.objectType)
    }

    func typeFlags(_ type: RemoteAddress) throws(MemoryReadError) -> UInt64 {
        try memory.readInteger(type + layout.typeFlags, as: UInt64.self)
    }

    /// Reads a `str` (Python 3 `PyUnicodeObject`, Python 2 `PyStringObject` or `PyUnicodeObject`).
    func string(at object: RemoteAddress) throws(MemoryReadError) -> String {
        if isPython2 {
            let flags = try typeFlags(try typeOf(object))
            if flags & Self.unicodeSubclassFlag != 0 { return try python2Unicode(at: object) }
            return String(decoding: try bytes(at: object), as: UTF8.self)
        }
        return try unicode(at: object)
    }

    /// Python 3's compact/legacy unicode representation (PEP 393; Include/cpython/unicodeobject.h).
    private func unicode(at object: RemoteAddress) throws(MemoryReadError) -> String {
        let storage = try unicodeStorage(at: object)
        guard storage.length < Self.maxStringLength else {
            throw .implausibleSize(what: "string", size: storage.length)
        }
        if storage.length == 0 { return "" }
        let raw = try memory.readBytes(storage.data, count: storage.length * storage.kind)
        return Self.decode(raw, kind: storage.kind, ascii: storage.ascii)
    }

    /// Where a Python 3 string's characters are: `length` code points of `kind` bytes (1, 2 or 4) at `data`.
    struct UnicodeStorage: Sendable {
        var data: RemoteAddress
        var length: Int
        var kind: Int
        var ascii: Bool
    }

    /// Reads a Python 3 string's header (PEP 393). `length` is only checked to be non-negative: callers bound
    /// what they read.
    func unicodeStorage(at object: RemoteAddress) throws(MemoryReadError) -> UnicodeStorage {
        guard let lengthOffset = layout.unicodeLength, let stateOffset = layout.unicodeState,
            let asciiSize = layout.asciiObjectSize, let compactSize = layout.compactUnicodeObjectSize
        else { throw .implausibleSize(what: "string layout", size: 0) }
        // The ASCII header holds length and state; reading no further keeps small strings inside their block.
        let header = try RemoteBlock(from: memory, at: object, count: max(asciiSize, stateOffset + 4))
        guard let length = header.integer(at: lengthOffset, as: Int64.self),
            let state = header.integer(at: stateOffset, as: UInt32.self)
        else {
            throw .shortRead(object, wanted: asciiSize, got: 0)
        }
        guard length >= 0, length <= Int64(Int32.max) else {
            throw .implausibleSize(what: "string", size: Int(clamping: length))
        }
        if length == 0 { return UnicodeStorage(data: .null, length: 0, kind: 1, ascii: true) }
        let kind = Int((state >> 2) & 7)
        let compact = (state >> 5) & 1 == 1
        let ascii = (state >> 6) & 1 == 1
        guard kind == 1 || kind == 2 || kind == 4 else { throw .implausibleSize(what: "string kind", size: kind) }
        let data: RemoteAddress
        if compact {
            data = object + (ascii ? asciiSize : compactSize)
        } else {
            guard let dataOffset = layout.unicodeData else { throw .implausibleSize(what: "string data", size: 0) }
            data = try memory.readPointer(object + dataOffset)
        }
        return UnicodeStorage(data: data, length: Int(length), kind: kind, ascii: ascii)
    }

    /// Python 2's `PyUnicodeObject`: `length`, then a pointer to `Py_UNICODE` data (2 or 4 bytes a character,
    /// decided by how the interpreter was built; 4 when the bytes look like UCS-4).
    private func python2Unicode(at object: RemoteAddress) throws(MemoryReadError) -> String {
        let length = try memory.readInteger(object + layout.varObjectSize, as: Int64.self)
        guard length >= 0, length < Self.maxStringLength else {
            throw .implausibleSize(what: "string", size: Int(clamping: length))
        }
        if length == 0 { return "" }
        let data = try memory.readPointer(object + layout.varObjectSize + 8)
        let wide = try memory.readBytes(data, count: Int(length) * 4)
        // In a UCS-4 build every 4-byte unit is a code point < 0x110000; a UCS-2 build's pairs rarely are.
        let looksUCS4 = stride(from: 0, to: wide.count, by: 4).allSatisfy { wide[$0 + 2] <= 0x10 && wide[$0 + 3] == 0 }
        return looksUCS4
            ? Self.decode(wide, kind: 4, ascii: false)
            : Self.decode(Array(wide.prefix(Int(length) * 2)), kind: 2, ascii: false)
    }

    static func decode(_ raw: [UInt8], kind: Int, ascii: Bool) -> String {
        switch kind {
        case 1 where ascii:
            return String(decoding: raw, as: UTF8.self)
        case 1:
            return String(String.UnicodeScalarView(raw.map { Unicode.Scalar($0) }))
        case 2:
            var units: [UInt16] = []
            units.reserveCapacity(raw.count / 2)
            for index in stride(from: 0, to: raw.count - 1, by: 2) {
                units.append(UInt16(raw[index]) | UInt16(raw[index + 1]) << 8)
            }
            return String(decoding: units, as: UTF16.self)
        default:
            var scalars = String.UnicodeScalarView()
            for index in stride(from: 0, to: raw.count - 3, by: 4) {
                let value =
                    UInt32(raw[index]) | UInt32(raw[index + 1]) << 8 | UInt32(raw[index + 2]) << 16
                    | UInt32(raw[index + 3]) << 24
                scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
            }
            return String(scalars)
        }
    }

    /// The contents of a `bytes` object (Python 2: `str`), bounded by `maxBytesLength`.
    func bytes(at object: RemoteAddress) throws(MemoryReadError) -> [UInt8] {
        let size = try memory.readInteger(object + layout.varObjectSize, as: Int64.self)
        guard size >= 0, size < Self.maxBytesLength else {
            throw .implausibleSize(what: "bytes object", size: Int(clamping: size))
        }
        return try memory.readBytes(object + layout.bytesData, count: Int(size))
    }

    /// A small int (`PyLongObject` of at most two 30-bit digits, or Python 2's `PyIntObject`), or nil when the
    /// value does not fit in 60 bits.
    func integer(at object: RemoteAddress) throws(MemoryReadError) -> Int64? {
        if isPython2, let intValue = layout.intValue {
            let flags = try typeFlags(try typeOf(object))
            if flags & Self.intSubclassFlag != 0 { return try memory.readInteger(object + intValue, as: Int64.self) }
        }
        guard let digitsOffset = layout.longDigits else { return nil }
        let digitCount: Int64
        let negative: Bool
        if let tagOffset = layout.longTag {
            // 3.12+: lv_tag = digit count << 3 | sign bits (0 positive, 1 zero, 2 negative); pycore_long.h.
            let tag = try memory.readInteger(object + tagOffset, as: UInt64.self)
            digitCount = Int64(tag >> 3)
            negative = tag & 3 == 2
        } else {
            let size = try memory.readInteger(object + layout.varObjectSize, as: Int64.self)
            digitCount = size.magnitude > 3 ? 3 : Int64(size.magnitude)
            negative = size < 0
        }
        guard digitCount <= 2 else { return nil }
        if digitCount == 0 { return 0 }
        let digits = try RemoteBlock(from: memory, at: object + digitsOffset, count: Int(digitCount) * 4)
        var value: Int64 = 0
        for index in (0..<Int(digitCount)).reversed() {
            value = value << 30 | Int64((digits.integer(at: index * 4, as: UInt32.self) ?? 0) & 0x3FFF_FFFF)
        }
        return negative ? -value : value
    }
}
