import CPythonLayouts
import ProcessAccess

/// The objects a code object points at that `CodeObjectCache` decodes: its file name, its name, its line
/// table and (before 3.11) the length of its bytecode.
struct CodeFields: Sendable, Equatable {
    var filename: String
    var name: String
    var lineTable: [UInt8]
    /// Bytes of bytecode; `Int.max` when it cannot be known (no `co_code` pointer).
    var bytecodeLength: Int

    /// Reads them in one or two vectored calls (`ObjectReader.batch`), or, when that declines, one object at a
    /// time in the order the cache always used, so that a bad object fails with the same error as before.
    static func read<Memory: MemorySource>(
        objects: ObjectReader<Memory>, identity: CodeIdentity,
        header: RemoteBlock
    ) throws(MemoryReadError) -> CodeFields {
        let layout = objects.layout
        // 3.11+: the code object is a variable-size object of 2-byte code units (`Py_SIZE(code)`);
        // earlier: the length of the `co_code` bytes object, read with the rest.
        let adaptiveLength = layout.codeCodeAdaptive.map { _ in
            let (bytes, overflow) = (header.integer(at: layout.varObjectSize, as: Int64.self) ?? 0)
                .multipliedReportingOverflow(by: 2)
            return overflow ? Int.max : Int(clamping: bytes)
        }
        let codeBytes = adaptiveLength == nil ? layout.codeCode.flatMap { header.pointer(at: $0) } : nil
        var requests: [ObjectRequest] = [
            .string(identity.filename), .string(identity.name), .bytes(identity.lineTable)
        ]
        if let codeBytes { requests.append(.size(codeBytes)) }
        if let batch = objects.batch(requests), case .string(let filename) = batch[0],
            case .string(let name) = batch[1], case .bytes(let table) = batch[2]
        {
            var length = adaptiveLength ?? Int.max
            if batch.count > 3, case .size(let size) = batch[3] { length = Int(clamping: size) }
            return CodeFields(filename: filename, name: name, lineTable: table, bytecodeLength: length)
        }
        let filename = try objects.string(at: identity.filename)
        let name = try objects.string(at: identity.name)
        let table = try objects.bytes(at: identity.lineTable)
        var length = adaptiveLength ?? Int.max
        if let codeBytes {
            length = Int(clamping: try objects.memory.readInteger(codeBytes + layout.varObjectSize, as: Int64.self))
        }
        return CodeFields(filename: filename, name: name, lineTable: table, bytecodeLength: length)
    }
}
