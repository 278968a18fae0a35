import CPythonLayouts
import CodeLocations
import ProcessAccess

/// What swiftspy needs from one code object, decoded once.
struct CodeInfo: Sendable {
    var name: String
    var filename: String
    var firstLine: Int
    var lineTable: LineTable
    /// Index of the first instruction after the frame-setup prologue (`_co_firsttraceable`, 3.11+).
    var firstTraceable: Int
    /// The pointers that identify this exact code object: if any differs, the address was reused.
    var identity: CodeIdentity
}

struct CodeIdentity: Sendable, Equatable {
    var name: RemoteAddress
    var filename: RemoteAddress
    var lineTable: RemoteAddress
    var firstLine: Int32
}

/// Code objects are immutable, so what is decoded from one (name, file, line table) is kept by address. Each
/// lookup still reads the small code header and compares the identifying pointers, which catches a code
/// object freed and another allocated at the same address.
final class CodeObjectCache<Memory: MemorySource>: @unchecked Sendable {
    private let objects: ObjectReader<Memory>
    private let format: LineTableFormat
    private var entries: [RemoteAddress: CodeInfo] = [:]
    /// Bound on cached code objects; a long-running program creating code dynamically can't grow us forever.
    private let capacity = 1 << 16

    init(objects: ObjectReader<Memory>, format: LineTableFormat) {
        self.objects = objects
        self.format = format
    }

    func info(for code: RemoteAddress) throws(MemoryReadError) -> CodeInfo {
        let layout = objects.layout
        let headerSize = layout.codeSize
        let header = try RemoteBlock(from: objects.memory, at: code, count: headerSize)
        guard let name = header.pointer(at: layout.codeName), let filename = header.pointer(at: layout.codeFilename),
              let table = header.pointer(at: layout.codeLinetable),
              let firstLine = header.integer(at: layout.codeFirstlineno, as: Int32.self)
        else { throw .shortRead(code, wanted: headerSize, got: 0) }
        let identity = CodeIdentity(name: name, filename: filename, lineTable: table, firstLine: firstLine)
        if let cached = entries[code], cached.identity == identity { return cached }
        let firstTraceable = layout.codeFirstTraceable.flatMap { header.integer(at: $0, as: Int32.self) } ?? 0
        let info = CodeInfo(
            name: try objects.string(at: name),
            filename: try objects.string(at: filename),
            firstLine: Int(firstLine),
            lineTable: LineTable(format: format, bytes: try objects.bytes(at: table), firstLine: Int(firstLine)),
            firstTraceable: Int(firstTraceable),
            identity: identity)
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[code] = info
        return info
    }
}
