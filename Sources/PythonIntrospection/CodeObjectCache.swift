import CPythonLayouts
import CodeLocations
import ProcessAccess
import ProfileModel

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
    /// The header fields that identify this exact code object: if any differs, the address was reused.
    let identity: CodeIdentity
    /// Tells this entry from any other made for the same address, so that locations derived from it can be
    /// matched to the entry that is current.
    let serial: UInt32
    /// The sample in which the identity was last confirmed against the target.
    var confirmedIn: UInt32
    /// Whether this is CPython's own entry shim (3.12+: the "<interpreter trampoline>" code object, file
    /// "<shim>", that `_PyEval_EvalFrameDefault` pushes below the first Python frame of each C call; made by
    /// `_Py_MakeShimCode` in Objects/codeobject.c). Its frames are owned by the C stack and never shown, but a
    /// read torn by a running target can see one before its owner is set.
    let isInterpreterShim: Bool
    /// Its variables (`dump --locals`), decoded on first use by `CodeObjectCache.locals`.
    var locals: CodeLocals?

    init(
        name: String, filename: String, shortFilename: String, firstLine: Int, lineTable: LineTable,
        firstTraceable: Int, bytecodeLength: Int, identity: CodeIdentity, serial: UInt32, confirmedIn: UInt32
    ) {
        frameCode = .shared(name: name, filename: filename, shortFilename: shortFilename)
        frameCodeFullName = .shared(name: name, filename: filename)
        self.firstLine = firstLine
        isInterpreterShim = filename == "<shim>" && name == "<interpreter trampoline>"
        self.lineTable = lineTable
        self.firstTraceable = firstTraceable
        self.bytecodeLength = bytecodeLength
        self.identity = identity
        self.serial = serial
        self.confirmedIn = confirmedIn
    }
}

/// Code objects are immutable, so what is decoded from one (name, file, line table) is kept by address and
/// reused without decoding again. But a code object can be freed and another allocated at its address between
/// two samples (programs that compile at run time do it every few milliseconds), so an entry is only used in a
/// sample once its `CodeIdentity` has been read again and found unchanged in that sample: a read of a few dozen
/// header bytes, which in a warm sampler comes from the prefetched copy (`PrefetchingMemory`) at no syscall, and
/// is made once per code object per sample however many frames run it.
final class CodeObjectCache<Memory: MemorySource>: @unchecked Sendable {
    private let objects: ObjectReader<Memory>
    private let format: LineTableFormat
    private var entries: [RemoteAddress: CodeInfo] = [:]
    /// Bound on cached code objects; a long-running program creating code dynamically can't grow us forever.
    private let capacity = 1 << 16
    /// Where the identity fields lie in a code object.
    private let identityFields: CodeIdentityFields
    /// `objects.memory`, kept apart: reaching it through `objects` copies the large layout.
    private let memory: Memory
    /// The current sample's number (never 0, which no entry is confirmed in until it is checked).
    private(set) var sample: UInt32 = 1
    private var nextSerial: UInt32 = 1

    /// Turns a file name into its short form; the identity when nobody asked for short names.
    private let shorten: (String) -> String

    init(objects: ObjectReader<Memory>, format: LineTableFormat, shorten: @escaping (String) -> String = { $0 }) {
        self.objects = objects
        self.format = format
        self.shorten = shorten
        identityFields = CodeIdentityFields(objects.layout)
        memory = objects.memory
    }

    /// Called once per sample: every entry must be confirmed again before it is used in this one.
    func beginSample() {
        sample = sample == .max ? 1 : sample + 1
    }

    /// The decoded code object at `code`, confirmed in this sample; `instructionOffset` (bytes into the
    /// bytecode, when known) is a further check: one outside the cached bytecode means a different object.
    func info(for code: RemoteAddress, instructionOffset: Int? = nil) throws(MemoryReadError) -> CodeInfo {
        if let cached = try confirmed(code),
            instructionOffset.map({ $0 >= -2 && $0 <= cached.bytecodeLength }) ?? true
        {
            return cached
        }
        return try load(code)
    }

    /// The entry for `code` when there is one and the code object there is still the one it was made from,
    /// checked (by one small read) at most once per sample. An entry found stale is dropped.
    func confirmed(_ code: RemoteAddress) throws(MemoryReadError) -> CodeInfo? {
        guard let cached = entries[code] else { return nil }
        if cached.confirmedIn == sample { return cached }
        guard try currentIdentity(code) == cached.identity else {
            entries[code] = nil
            return nil
        }
        cached.confirmedIn = sample
        return cached
    }

    /// The identity fields of whatever is at `code` now (nil when they cannot be decoded).
    func currentIdentity(_ code: RemoteAddress) throws(MemoryReadError) -> CodeIdentity? {
        let fields = identityFields
        guard let base = code.advanced(by: fields.start) else { throw .badAddress(code, count: fields.count) }
        var identity: CodeIdentity?
        var failure: MemoryReadError?
        withUnsafeTemporaryAllocation(byteCount: fields.count, alignment: 8) { buffer in
            do throws(MemoryReadError) {
                try memory.read(base, into: buffer)
                identity = CodeIdentity(header: UnsafeRawBufferPointer(buffer), fields: fields)
            } catch { failure = error }
        }
        if let failure { throw failure }
        return identity
    }

    private func load(_ code: RemoteAddress) throws(MemoryReadError) -> CodeInfo {
        let layout = objects.layout
        let header = try RemoteBlock(from: objects.memory, at: code, count: layout.codeSize)
        let span = identityFields
        guard span.start + span.count <= header.bytes.count,
            let identity = header.bytes.withUnsafeBytes({ bytes in
                CodeIdentity(header: UnsafeRawBufferPointer(rebasing: bytes[span.start...]), fields: span)
            })
        else { throw .shortRead(code, wanted: layout.codeSize, got: header.bytes.count) }
        if let cached = entries[code], cached.identity == identity {
            cached.confirmedIn = sample
            return cached
        }
        let firstTraceable = layout.codeFirstTraceable.flatMap { header.integer(at: $0, as: Int32.self) } ?? 0
        let fields = try CodeFields.read(objects: objects, identity: identity, header: header)
        let info = CodeInfo(
            name: fields.name,
            filename: fields.filename,
            shortFilename: shorten(fields.filename),
            firstLine: Int(identity.firstLine),
            lineTable: LineTable(format: format, bytes: fields.lineTable, firstLine: Int(identity.firstLine)),
            firstTraceable: Int(firstTraceable),
            bytecodeLength: fields.bytecodeLength,
            identity: identity,
            serial: nextSerial,
            confirmedIn: sample)
        nextSerial = nextSerial == .max ? 1 : nextSerial + 1
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
