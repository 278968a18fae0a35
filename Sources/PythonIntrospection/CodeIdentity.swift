import CPythonLayouts
import ProcessAccess

/// The immutable header fields that tell one code object from another at the same address: its type, the
/// objects it points at (name, qualified name, file, line table, variable names, and `co_code` before 3.11),
/// its first line, argument and local counts, and (3.11+, where the bytecode is inside the object) its size.
///
/// A freed code object's address is soon reused, and in programs that compile at run time (`exec`, dataclasses,
/// `namedtuple`, templates) often by another code object. The pointed-at objects are freed with it and may be
/// reused in turn, so no single pointer settles it; all of these fields being equal, with the first line, is
/// what `CodeObjectCache` takes as "the same code object" (Include/cpython/code.h: none of them changes during
/// a code object's life, unlike its counters, caches and specialised bytecode).
struct CodeIdentity: Sendable, Equatable {
    var type: UInt64
    var name: RemoteAddress
    var filename: RemoteAddress
    var lineTable: RemoteAddress
    var qualifiedName: UInt64
    var variableNames: UInt64
    /// `co_code` (≤ 3.10) or `ob_size`, the number of code units (3.11+).
    var bytecode: UInt64
    var firstLine: Int32
    var argumentCount: Int32
    var localCount: Int32

    /// The identity from `header`, the bytes of a code object from `fields.start` on; nil when a field lies
    /// outside.
    init?(header: UnsafeRawBufferPointer, fields: CodeIdentityFields) {
        guard header.count >= fields.count else { return nil }
        func word(_ at: Int) -> UInt64 {
            at < 0 ? 0 : UInt64(littleEndian: header.loadUnaligned(fromByteOffset: at, as: UInt64.self))
        }
        func int32(_ at: Int) -> Int32 {
            Int32(littleEndian: header.loadUnaligned(fromByteOffset: at, as: Int32.self))
        }
        type = word(fields.type)
        name = RemoteAddress(word(fields.name))
        filename = RemoteAddress(word(fields.filename))
        lineTable = RemoteAddress(word(fields.lineTable))
        qualifiedName = word(fields.qualifiedName)
        variableNames = word(fields.variableNames)
        bytecode = word(fields.bytecode)
        firstLine = int32(fields.firstLine)
        argumentCount = int32(fields.argumentCount)
        localCount = int32(fields.localCount)
    }
}

/// Where a version's `CodeIdentity` fields lie: the span of a code object that holds them all (what a
/// per-sample check reads), and each field's offset within that span (−1: the version has no such field).
/// Worked out once from the large `PythonLayout`, so that a check copies nothing big.
struct CodeIdentityFields: Sendable {
    let start: Int
    let count: Int
    let type, name, filename, lineTable, qualifiedName, variableNames, bytecode: Int
    let firstLine, argumentCount, localCount: Int

    init(_ layout: PythonLayout) {
        let bytecodeOffset = layout.codeCodeAdaptive == nil ? layout.codeCode : layout.varObjectSize
        let words =
            [
                layout.objectType, layout.codeName, layout.codeFilename, layout.codeLinetable,
                layout.codeVarnames
            ] + [layout.codeQualname, bytecodeOffset].compactMap { $0 }
        let ints = [layout.codeFirstlineno, layout.codeArgcount, layout.codeNlocals]
        let start = (words + ints).min() ?? 0
        self.start = start
        count = max(words.map { $0 + 8 }.max() ?? 0, ints.map { $0 + 4 }.max() ?? 0) - start
        type = layout.objectType - start
        name = layout.codeName - start
        filename = layout.codeFilename - start
        lineTable = layout.codeLinetable - start
        qualifiedName = layout.codeQualname.map { $0 - start } ?? -1
        variableNames = layout.codeVarnames - start
        bytecode = bytecodeOffset.map { $0 - start } ?? -1
        firstLine = layout.codeFirstlineno - start
        argumentCount = layout.codeArgcount - start
        localCount = layout.codeNlocals - start
    }
}
