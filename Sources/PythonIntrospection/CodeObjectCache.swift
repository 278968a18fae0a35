import CPythonLayouts
import CodeLocations
import ProcessAccess
import ProfileModel
#if canImport(Glibc)
import Glibc
#endif

/// What swiftspy needs from one code object, decoded once. A class: it is handed out for every frame of
/// every sample, and a reference costs one retain where a struct of strings and tables costs dozens.
final class CodeInfo: @unchecked Sendable {
    /// Name and files (the short one by py-spy's package-relative rule) as every frame of this code shares them.
    let frameCode: FrameCode
    /// The same without the short name (`--full-filenames`).
    let frameCodeFullName: FrameCode

    /// The shared frame description, with or without the short file name.
    func frameCode(shortFilenames: Bool) -> FrameCode { shortFilenames ? frameCode : frameCodeFullName }
    let firstLine: Int
    let lineTable: LineTable
    /// Index of the first instruction after the frame-setup prologue (`_co_firsttraceable`, 3.11+).
    let firstTraceable: Int
    /// Length of the bytecode in bytes: an instruction offset outside it means the cached entry is stale.
    let bytecodeLength: Int
    /// The pointers that identify this exact code object: if any differs, the address was reused.
    let identity: CodeIdentity
    /// When the identity was last checked against the target (monotonic seconds).
    var checkedAt: Double
    /// Its variables (`dump --locals`), decoded on first use by `CodeObjectCache.locals`.
    var locals: CodeLocals?

    init(name: String, filename: String, shortFilename: String, firstLine: Int, lineTable: LineTable,
         firstTraceable: Int, bytecodeLength: Int, identity: CodeIdentity, checkedAt: Double)
    {
        frameCode = .shared(name: name, filename: filename, shortFilename: shortFilename)
        frameCodeFullName = .shared(name: name, filename: filename)
        self.firstLine = firstLine
        self.lineTable = lineTable
        self.firstTraceable = firstTraceable
        self.bytecodeLength = bytecodeLength
        self.identity = identity
        self.checkedAt = checkedAt
    }
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

    /// Called once per sample: the clock used to age entries. The coarse clock (a few milliseconds' resolution,
    /// far finer than `recheckInterval`) is read without entering the kernel's time code: a fast sampler calls
    /// this hundreds of thousands of times a second.
    func beginSample() {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC_COARSE, &time)
        now = Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    /// The decoded code object at `code`; `instructionOffset` (bytes into the bytecode, when known) guards
    /// against a stale entry. (A warm sampler asks rarely: `FrameLocationCache` answers nearly every frame.)
    func info(for code: RemoteAddress, instructionOffset: Int? = nil) throws(MemoryReadError) -> CodeInfo {
        if let cached = entries[code], isFresh(checkedAt: cached.checkedAt),
           instructionOffset.map({ $0 >= -2 && $0 <= cached.bytecodeLength }) ?? true
        {
            return cached
        }
        return try load(code)
    }

    /// True when `address` is a code object decoded before (and not due for a re-check).
    func isKnownCode(_ address: RemoteAddress) -> Bool {
        guard let cached = entries[address] else { return false }
        return isFresh(checkedAt: cached.checkedAt)
    }

    /// Whether facts checked against the target at `checkedAt` may still be used without a re-check.
    func isFresh(checkedAt: Double) -> Bool { now - checkedAt < recheckInterval }

    private func load(_ code: RemoteAddress) throws(MemoryReadError) -> CodeInfo {
        let layout = objects.layout
        let header = try RemoteBlock(from: objects.memory, at: code, count: layout.codeSize)
        guard let name = header.pointer(at: layout.codeName), let filename = header.pointer(at: layout.codeFilename),
              let table = header.pointer(at: layout.codeLinetable),
              let firstLine = header.integer(at: layout.codeFirstlineno, as: Int32.self)
        else { throw .shortRead(code, wanted: layout.codeSize, got: 0) }
        let identity = CodeIdentity(name: name, filename: filename, lineTable: table, firstLine: firstLine)
        if let cached = entries[code], cached.identity == identity {
            cached.checkedAt = now
            return cached
        }
        let firstTraceable = layout.codeFirstTraceable.flatMap { header.integer(at: $0, as: Int32.self) } ?? 0
        let fields = try CodeFields.read(objects: objects, identity: identity, header: header)
        let info = CodeInfo(
            name: fields.name,
            filename: fields.filename,
            shortFilename: shorten(fields.filename),
            firstLine: Int(firstLine),
            lineTable: LineTable(format: format, bytes: fields.lineTable, firstLine: Int(firstLine)),
            firstTraceable: Int(firstTraceable),
            bytecodeLength: fields.bytecodeLength,
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
        info.locals = locals
        return locals
    }
}
