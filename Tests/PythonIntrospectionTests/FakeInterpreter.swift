import MemoryTestSupport
import CPythonLayouts
import CodeLocations
import ProcessAccess
@testable import PythonIntrospection

/// Builds CPython objects in fake memory exactly where a given layout says their fields are: strings, bytes,
/// code objects, frames (frame objects or interpreter frames), thread states and an interpreter. Used to walk
/// every layout table without a live interpreter of that version.
struct FakeInterpreter {
    let layout: PythonLayout
    let version: PythonVersion
    var memory = FakeMemory()
    private var next: UInt64 = 0x10_0000
    private(set) var stringType: RemoteAddress = .null
    private(set) var bytesType: RemoteAddress = .null
    private(set) var codeType: RemoteAddress = .null
    private(set) var noneType: RemoteAddress = .null
    var interpreter: RemoteAddress = .null
    private(set) var threadStates: [RemoteAddress] = []

    init(layout: PythonLayout, version: PythonVersion) {
        self.layout = layout
        self.version = version
        stringType = makeType(flags: version.major == 2 ? 1 << 27 : 1 << 28)
        bytesType = makeType(flags: 1 << 27)
        codeType = makeType(flags: 0)
        noneType = makeType(flags: 0)
        interpreter = allocate(max(layout.interpModules, layout.interpThreadsHead, layout.interpNext) + 64)
    }

    mutating func allocate(_ size: Int) -> RemoteAddress {
        let address = RemoteAddress(next)
        memory.write([UInt8](repeating: 0, count: size), at: address)
        next += UInt64((size + 64) & ~15)
        return address
    }

    mutating func set<T: FixedWidthInteger>(_ value: T, at address: RemoteAddress, _ offset: Int) {
        memory.write(value, at: address + offset)
    }

    mutating func set(_ pointer: RemoteAddress, at address: RemoteAddress, _ offset: Int) {
        memory.write(pointer.rawValue, at: address + offset)
    }

    mutating func makeType(flags: UInt64) -> RemoteAddress {
        let type = allocate(layout.typeDictoffset + 64)
        set(flags, at: type, layout.typeFlags)
        return type
    }

    /// A `str`: Python 2 `PyStringObject`, or a compact Python 3 string of the narrowest kind that fits.
    mutating func makeString(_ text: String) -> RemoteAddress {
        if version.major == 2 {
            let utf8 = Array(text.utf8)
            let object = allocate(layout.bytesData + utf8.count + 1)
            set(stringType, at: object, layout.objectType)
            set(Int64(utf8.count), at: object, layout.varObjectSize)
            writeBytes(utf8, at: object + layout.bytesData)
            return object
        }
        let scalars = Array(text.unicodeScalars)
        let maxValue = scalars.map(\.value).max() ?? 0
        let ascii = maxValue < 0x80
        let kind = maxValue < 0x100 ? 1 : maxValue < 0x10000 ? 2 : 4
        let headerSize = ascii ? (layout.asciiObjectSize ?? 0) : (layout.compactUnicodeObjectSize ?? 0)
        var data: [UInt8] = []
        for scalar in scalars {
            for byte in 0..<kind { data.append(UInt8(truncatingIfNeeded: scalar.value >> (8 * UInt32(byte)))) }
        }
        let object = allocate(headerSize + data.count + kind)
        set(stringType, at: object, layout.objectType)
        set(Int64(scalars.count), at: object, layout.unicodeLength ?? 0)
        let state = UInt32(kind) << 2 | 1 << 5 | (ascii ? 1 << 6 : 0)
        set(state, at: object, layout.unicodeState ?? 0)
        writeBytes(data, at: object + headerSize)
        return object
    }

    mutating func makeBytes(_ bytes: [UInt8]) -> RemoteAddress {
        let object = allocate(layout.bytesData + bytes.count + 1)
        set(bytesType, at: object, layout.objectType)
        set(Int64(bytes.count), at: object, layout.varObjectSize)
        writeBytes(bytes, at: object + layout.bytesData)
        return object
    }

    /// Writes bytes inside an already allocated region.
    mutating func writeBytes(_ bytes: [UInt8], at address: RemoteAddress) {
        for (index, byte) in bytes.enumerated() { memory.write(byte, at: address + index) }
    }

    /// A line table in this version's format in which byte offsets 0–1 are `firstLine`, 2–3 `firstLine + 1`,
    /// 4–5 `firstLine + 2` and so on, for `count` code units.
    func lineTable(units count: Int) -> [UInt8] {
        switch LineTable.format(major: version.major, minor: version.minor) {
        case .lnotabUnsigned?, .lnotabSigned?:
            // (address delta, line delta) pairs: each step starts a new line 2 bytes further on.
            return (1..<count).flatMap { _ in [UInt8(2), 1] }
        case .lineTable310?:
            // (length of range, line delta of range) pairs.
            return [2, 0] + (1..<count).flatMap { _ in [UInt8(2), 1] }
        default:
            // Location table entries of one code unit with code 13 (no columns) and a signed varint delta.
            return [0xE8, 0x00] + (1..<count).flatMap { _ in [UInt8(0xE8), 0x02] }
        }
    }

    /// A code object whose bytecode (3.11+) follows its header.
    mutating func makeCode(name: String, filename: String, firstLine: Int, firstTraceable: Int = 0) -> RemoteAddress {
        let nameObject = makeString(name)
        let fileObject = makeString(filename)
        let table = makeBytes(lineTable(units: 16))
        let bytecode = layout.codeCode.map { _ in makeBytes([UInt8](repeating: 0, count: 32)) }
        let code = allocate(layout.codeSize + 64)
        if let codeOffset = layout.codeCode, let bytecode { set(bytecode, at: code, codeOffset) }
        // 3.11+: the code object's own size counts its 2-byte code units.
        if layout.codeCodeAdaptive != nil { set(Int64(16), at: code, layout.varObjectSize) }
        set(codeType, at: code, layout.objectType)
        set(nameObject, at: code, layout.codeName)
        set(fileObject, at: code, layout.codeFilename)
        set(table, at: code, layout.codeLinetable)
        set(Int32(firstLine), at: code, layout.codeFirstlineno)
        if let traceable = layout.codeFirstTraceable { set(Int32(firstTraceable), at: code, traceable) }
        return code
    }

    enum FrameSpec {
        /// A Python frame executing the code unit at `unit` (so its line is `firstLine + unit`).
        case python(code: RemoteAddress, unit: Int, owner: Int8 = 0)
        /// A 3.12+ C-stack shim frame.
        case shim(owner: Int8)
        /// A 3.13+ frame whose executable is not a code object.
        case notCode
        /// A returned frame whose executable was cleared (3.14+ `PyStackRef_NULL`, the tag bit alone).
        case cleared
        /// Free-threaded 3.14+: a frame running copy `index` of its code's bytecode (`co_tlbc`), at `unit`.
        case threadLocal(code: RemoteAddress, unit: Int, index: Int)
    }

    /// A thread with the given frames, innermost first. Returns the thread state.
    @discardableResult
    mutating func addThread(threadID: UInt64, nativeID: UInt32, frames: [FrameSpec]) -> RemoteAddress {
        var innermost = RemoteAddress.null
        var previous = RemoteAddress.null
        for spec in frames {
            let frame = makeFrame(spec)
            if innermost.isNull { innermost = frame } else { linkFrame(previous, to: frame) }
            previous = frame
        }
        return addThread(threadID: threadID, nativeID: nativeID, innermost: innermost)
    }

    /// A thread whose innermost frame (of this version's kind) is at `innermost`, already linked to the rest.
    /// Returns the thread state.
    @discardableResult
    mutating func addThread(threadID: UInt64, nativeID: UInt32, innermost: RemoteAddress) -> RemoteAddress {
        let state = allocate(layout.threadStateSize)
        set(interpreter, at: state, layout.threadStateInterp)
        set(threadID, at: state, layout.threadStateThreadId)
        if let native = layout.threadStateNativeThreadId { set(nativeID, at: state, native) }
        if let offset = layout.threadStateFrame, layout.interpreterFrameCode == nil {
            set(innermost, at: state, offset)
        } else if let cframeOffset = layout.threadStateCframe, let current = layout.cframeCurrentFrame {
            let cframe = allocate(64)
            set(innermost, at: cframe, current)
            set(cframe, at: state, cframeOffset)
        } else if let offset = layout.threadStateCurrentFrame {
            set(innermost, at: state, offset)
        }
        // New threads go at the head of the list, as CPython links them.
        let head = (try? memory.readPointer(interpreter + layout.interpThreadsHead)) ?? .null
        set(head, at: state, layout.threadStateNext)
        set(state, at: interpreter, layout.interpThreadsHead)
        threadStates.insert(state, at: 0)
        return state
    }

    private mutating func makeFrame(_ spec: FrameSpec) -> RemoteAddress {
        if let codeOffset = layout.frameObjectCode, let lasti = layout.frameObjectLasti,
            layout.interpreterFrameCode == nil
        {
            guard case .python(let code, let unit, _) = spec else { fatalError("frame objects have no shims") }
            let frame = allocate(layout.frameObjectSize ?? 512)
            set(code, at: frame, codeOffset)
            let scale = version.isAtLeast(3, 10) ? 1 : 2  // 3.10 counts code units, older versions bytes
            set(Int32(unit * scale), at: frame, lasti)
            return frame
        }
        let frame = allocate(layout.interpreterFrameSize ?? 128)
        switch spec {
        case .python(let code, let unit, let owner):
            let codeStart = code + (layout.codeCodeAdaptive ?? 0)
            set(code, at: frame, layout.interpreterFrameCode ?? 0)
            set(codeStart + unit * 2, at: frame, layout.interpreterFrameInstrPtr ?? 0)
            set(owner, at: frame, layout.interpreterFrameOwner ?? 0)
        case .shim(let owner):
            let none = allocate(32)
            set(noneType, at: none, layout.objectType)
            set(none, at: frame, layout.interpreterFrameCode ?? 0)
            set(owner, at: frame, layout.interpreterFrameOwner ?? 0)
        case .threadLocal(let code, let unit, let index):
            // A `_PyCodeArray { size; entries[] }` whose entry `index` is a copy of the bytecode elsewhere.
            let copy = allocate(64)
            let array = allocate(8 + 8 * (index + 1))
            set(Int64(index + 1), at: array, 0)
            set(code + (layout.codeCodeAdaptive ?? 0), at: array, 8)
            set(copy, at: array, 8 + 8 * index)
            set(array, at: code, layout.codeTLBC ?? 0)
            set(code, at: frame, layout.interpreterFrameCode ?? 0)
            set(copy + unit * 2, at: frame, layout.interpreterFrameInstrPtr ?? 0)
            set(Int32(index), at: frame, layout.interpreterFrameTLBCIndex ?? 0)
        case .cleared:
            set(UInt64(1), at: frame, layout.interpreterFrameCode ?? 0)
        case .notCode:
            let none = allocate(32)
            set(noneType, at: none, layout.objectType)
            set(none, at: frame, layout.interpreterFrameCode ?? 0)
        }
        return frame
    }

    private mutating func linkFrame(_ inner: RemoteAddress, to outer: RemoteAddress) {
        if let back = layout.frameObjectBack, layout.interpreterFrameCode == nil {
            set(outer, at: inner, back)
        } else {
            set(outer, at: inner, layout.interpreterFramePrevious ?? 0)
        }
    }
}
