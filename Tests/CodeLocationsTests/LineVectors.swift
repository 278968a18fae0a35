import Foundation

/// One interpreter's vectors, written by `make_vectors.py` from CPython's own `PyCode_Addr2Line`.
struct LineVectorFile: Decodable {
    struct Code: Decodable {
        let name: String
        let first: Int
        let size: Int
        /// The raw table in hex.
        let table: String
        /// `[offset, line]` runs: the line at offset `o` is that of the last run starting at or before `o`;
        /// -1 is "no line". Offsets from -2 to `size + 3` were checked.
        let lines: [[Int]]

        var tableBytes: [UInt8] {
            let digits = Array(table.utf8)
            return stride(from: 0, to: digits.count - 1, by: 2).compactMap { index in
                UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16)
            }
        }

        /// The expected line at every checked offset, nil for "no line".
        var expected: [(offset: Int, line: Int?)] {
            var result: [(Int, Int?)] = []
            var run = 0
            for offset in -2..<(size + 4) {
                while run + 1 < lines.count, lines[run + 1][0] <= offset { run += 1 }
                let line = lines[run][1]
                result.append((offset, line == -1 ? nil : line))
            }
            return result
        }
    }

    let python: String
    let major: Int
    let minor: Int
    let codes: [Code]

    static let directory: URL? = Bundle.module.resourceURL?.appendingPathComponent("Vectors")

    /// The file names present, e.g. `python-3.12.1.json`.
    static let names: [String] = {
        guard let directory,
            let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
        else { return [] }
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }()

    static func load(_ name: String) throws -> LineVectorFile {
        guard let directory else { throw CocoaError(.fileNoSuchFile) }
        let url = directory.appendingPathComponent(name)
        return try JSONDecoder().decode(LineVectorFile.self, from: Data(contentsOf: url))
    }
}
