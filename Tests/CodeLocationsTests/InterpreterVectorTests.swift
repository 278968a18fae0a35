import Testing
@testable import CodeLocations

/// Every byte offset of every code object in the vectors must get exactly the line the real interpreter
/// computed for it (see `make_vectors.py`).
@Suite struct InterpreterVectorTests {
    @Test func everyInstalledInterpreterHasVectors() {
        let versions = LineVectorFile.names.map { $0.dropFirst("python-".count).dropLast(".json".count) }
        #expect(
            versions.sorted() == [
                "2.7.18", "3.10.13", "3.11.7", "3.12.1", "3.13.0", "3.6.15", "3.7.16", "3.8.18", "3.9.18"
            ])
    }

    @Test(arguments: LineVectorFile.names)
    func linesMatchCPython(file: String) throws {
        let vectors = try LineVectorFile.load(file)
        let format = try #require(LineTableFormat.format(major: vectors.major, minor: vectors.minor))
        #expect(!vectors.codes.isEmpty)
        for code in vectors.codes {
            let table = LineTable(format: format, bytes: code.tableBytes, firstLine: code.first)
            var mismatches: [String] = []
            for (offset, line) in code.expected where table.line(atByteOffset: offset) != line {
                mismatches.append(
                    "offset \(offset): got \(String(describing: table.line(atByteOffset: offset))), "
                        + "CPython \(String(describing: line))")
            }
            #expect(mismatches.isEmpty, "\(vectors.python) \(code.name): \(mismatches.prefix(5))")
        }
    }

    /// The vectors really contain the tricky cases they were written for, per format.
    @Test(arguments: LineVectorFile.names)
    func vectorsCoverTheHardCases(file: String) throws {
        let vectors = try LineVectorFile.load(file)
        let format = try #require(LineTableFormat.format(major: vectors.major, minor: vectors.minor))
        let lines = vectors.codes.flatMap { code in code.expected.compactMap(\.line) }
        #expect((lines.max() ?? 0) - (lines.min() ?? 0) > 300)  // line jumps beyond 127 and 255
        let tables = vectors.codes.map(\.tableBytes)
        switch format {
        case .lnotabUnsigned:
            #expect(tables.contains { $0.contains(255) })
        case .lnotabSigned:
            #expect(tables.contains { table in stride(from: 1, to: table.count, by: 2).contains { table[$0] >= 0x80 } })
        case .lineTable310, .locationTable:
            let noLineInside = vectors.codes.contains { code in
                code.expected.contains { (0..<code.size).contains($0.offset) && $0.line == nil }
            }
            #expect(noLineInside)
        }
    }
}
