import CPythonLayouts
import CodeLocations
import ProcessAccess
#if canImport(Glibc)
import Glibc
#endif

/// What swiftspy needs from one code object, decoded once.
struct CodeInfo: Sendable {
    var name: String
    var filename: String
    /// `filename` by py-spy's package-relative rule (computed once per code object).
    var shortFilename: String
    var firstLine: Int
    var lineTable: LineTable
    /// Index of the first instruction after the frame-setup prologue (`_co_firsttraceable`, 3.11+).
    var firstTraceable: Int
    /// Length of the bytecode in bytes: an instruction offset outside it means the cached entry is stale.
    var bytecodeLength: Int
    /// The pointers that identify this exact code object: if any differs, the address was reused.
    var identity: CodeIdentity
    /// When the identity was last checked against the target (monotonic seconds).
    var checkedAt: Double
    /// Its variables (`dump --locals`), decoded on first use by `CodeObjectCache.locals`.
    var locals: CodeLocals?
}

struct CodeIdentity: Sendable, Equatable {
    var name: RemoteAddress
    var filename: RemoteAddress
    var lineTable: RemoteAddress
    var firstLine: Int32
}

/// Code objects are immutable, so what is decoded from one (name, file, line table) is kept by address and
/// reused without reading the target again. A freed code object whose address is reused by another is caught
/// two ways: an instruction offset outside the cached bytecode length forces a re-check at once, and every
/// entry's identifying pointers are re-read at least every `recheckInterval` seconds.
final class CodeObjectCache<Memory: MemorySource>: @unchecked Sendable {
    private let objects: ObjectReader<Memory>
    private let format: LineTableFormat
    private var entries: [RemoteAddress: CodeInfo] = [:]
    /// Bound on cached code objects; a long-running program creating code dynamically can't grow us forever.
    private let capacity = 1 << 16
    private let recheckInterval = 0.1
    private var now = 0.0

    /// Turns a file name into its short form; the identity when nobody asked for short names.
    private let shorten: (String) -> String

    init(objects: ObjectReader<Memory>, format: LineTableFormat, shorten: @escaping (String) -> String = { $0 }) {
        self.objects = objects
        self.format = format
        self.shorten = shorten
    }

    /// Called once per sample: the clock used to age entries.
    func beginSample() {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        now = Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    /// The decoded code object at `code`; `instructionOffset` (bytes into the bytecode, when known) guards
    /// against a stale entry.
    func info(for code: RemoteAddress, instructionOffset: Int? = nil) throws(MemoryReadError) -> CodeInfo {
        if let cached = entries[code], now - cached.checkedAt < recheckInterval,
           instructionOffset.map({ $0 >= -2 && $0 <= cached.bytecodeLength }) ?? true
        {
            return cached
        }
        return try load(code)
    }

    /// True when `address` is a code object decoded before (and not due for a re-check).
    func isKnownCode(_ address: RemoteAddress) -> Bool {
        guard let cached = entries[address] else { return false }
        return now - cached.checkedAt < recheckInterval
    }

    private func load(_ code: RemoteAddress) throws(MemoryReadError) -> CodeInfo {
        let layout = objects.layout
        let header = try RemoteBlock(from: objects.memory, at: code, count: layout.codeSize)
        guard let name = header.pointer(at: layout.codeName), let filename = header.pointer(at: layout.codeFilename),
              let table = header.pointer(at: layout.codeLinetable),
              let firstLine = header.integer(at: layout.codeFirstlineno, as: Int32.self)
        else { throw .shortRead(code, wanted: layout.codeSize, got: 0) }
        let identity = CodeIdentity(name: name, filename: filename, lineTable: table, firstLine: firstLine)
        if var cached = entries[code], cached.identity == identity {
            cached.checkedAt = now
            entries[code] = cached
            return cached
        }
        let firstTraceable = layout.codeFirstTraceable.flatMap { header.integer(at: $0, as: Int32.self) } ?? 0
        let file = try objects.string(at: filename)
        let info = CodeInfo(
            name: try objects.string(at: name),
            filename: file,
            shortFilename: shorten(file),
            firstLine: Int(firstLine),
            lineTable: LineTable(format: format, bytes: try objects.bytes(at: table), firstLine: Int(firstLine)),
            firstTraceable: Int(firstTraceable),
            bytecodeLength: try bytecodeLength(of: code, header: header),
            identity: identity,
            checkedAt: now)
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[code] = info
        return info
    }

    /// The variables of `code`, whose current `info` the caller just got from `info(for:)`: decoded by
    /// `decode` on first use, then kept with the rest of the code object's cached facts.
    func locals(of code: RemoteAddress, info: CodeInfo, decode: (RemoteAddress) throws(MemoryReadError) -> CodeLocals)
        throws(MemoryReadError) -> CodeLocals
    {
        if let known = info.locals { return known }
        let locals = try decode(code)
        if entries[code]?.identity == info.identity { entries[code]?.locals = locals }
        return locals
    }

    /// 3.11+: the code object is a variable-size object of 2-byte code units (`Py_SIZE(code)`);
    /// earlier: the length of the `co_code` bytes object.
    private func bytecodeLength(of code: RemoteAddress, header: RemoteBlock) throws(MemoryReadError) -> Int {
        let layout = objects.layout
        if layout.codeCodeAdaptive != nil {
            return Int(clamping: (header.integer(at: layout.varObjectSize, as: Int64.self) ?? 0) * 2)
        }
        guard let codeOffset = layout.codeCode, let bytes = header.pointer(at: codeOffset) else { return Int.max }
        return Int(clamping: try objects.memory.readInteger(bytes + layout.varObjectSize, as: Int64.self))
    }
}
