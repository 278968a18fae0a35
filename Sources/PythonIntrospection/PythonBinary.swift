import ELFKit
import ProcessAccess

/// One ELF file mapped into the target that may hold the interpreter: `libpythonX.Y.so` or the executable
/// itself (static builds such as Debian's `/usr/bin/python3.11`), with the symbols and sections swiftspy needs,
/// already relocated to the target's addresses.
struct PythonBinary: Sendable {
    /// The path as the target sees it (for messages).
    let path: String
    /// Relocated addresses of the symbols we look for (see `PythonBinary.wantedSymbols`).
    let symbols: [String: RemoteAddress]
    /// Relocated ranges of the writable data sections where interpreter pointers may live (.data, .bss,
    /// .PyRuntime), for the last-resort scan.
    let dataSections: [(name: String, address: RemoteAddress, size: Int)]
    /// The version implied by the file name, if any.
    let versionFromName: PythonVersion?

    /// Symbols that locate the interpreter, its version and the GIL across CPython 2.7–3.15.
    static let wantedSymbols: Set<String> = [
        "Py_Version", "_PyRuntime", "interp_head", "_PyThreadState_Current", "PyCode_Type",
        "Py_GetVersion.version", "version"
    ]

    /// A binary described directly (tests build these over fake memory).
    init(
        path: String, symbols: [String: RemoteAddress],
        dataSections: [(name: String, address: RemoteAddress, size: Int)]
    ) {
        self.path = path
        self.symbols = symbols
        self.dataSections = dataSections
        versionFromName = PythonVersion(fileName: path)
    }

    /// Loads the ELF file behind `mappings` (all mappings of one file) and relocates what we need.
    init(path: String, openPath: String, mappings: [MemoryMapping]) throws(IntrospectionError) {
        let elf: ELFFile
        do { elf = try ELFFile(path: openPath) } catch {
            throw .unreadableBinary(path: path, detail: String(describing: error))
        }
        guard let first = mappings.min(by: { $0.fileOffset < $1.fileOffset }),
            let bias = elf.loadBias(mappingStart: first.start, mappingFileOffset: first.fileOffset)
        else { throw .unreadableBinary(path: path, detail: "no loadable segment matches its mapping") }
        self.path = path
        var symbols: [String: RemoteAddress] = [:]
        // 3.11+ exports all it needs (`Py_Version` says which version, so no static buffer is searched either).
        let found =
            (try? elf.symbols(
                named: Self.wantedSymbols,
                enough: {
                    $0["Py_Version"] != nil && $0["_PyRuntime"] != nil && $0["PyCode_Type"] != nil
                })) ?? [:]
        for (name, symbol) in found where symbol.value != 0 {
            symbols[name] = RemoteAddress(symbol.value &+ bias)
        }
        // GCC names function-local statics `version.0` and the like; Py_GetVersion's buffer is one of them.
        if symbols["Py_Version"] == nil, symbols["Py_GetVersion.version"] == nil, symbols["version"] == nil {
            let statics = (try? elf.symbols(prefix: "version.")) ?? []
            if let symbol = statics.first(where: { $0.size >= 64 }) {
                symbols["version"] = RemoteAddress(symbol.value &+ bias)
            }
        }
        self.symbols = symbols
        dataSections = [".PyRuntime", ".data", ".bss"].compactMap { name in
            guard let section = elf.section(named: name), section.size > 0, section.address != 0 else { return nil }
            return (name, RemoteAddress(section.address &+ bias), Int(clamping: section.size))
        }
        versionFromName = PythonVersion(fileName: path)
    }

    /// True when `path` names a libpython shared object (`libpython3.12.so.1.0`, `libpython2.7.so`,
    /// `libpython3.13t.so`, `libpython3.8d.so`), but not look-alikes such as `libboost_python39.so`.
    static func isLibPython(_ path: String) -> Bool {
        guard let base = path.split(separator: "/").last, base.hasPrefix("libpython") else { return false }
        // libpython<major>.<minor>[flags].so…, where flags are ABI letters such as d, m, u or t.
        var rest = base.dropFirst("libpython".count)
        guard let major = rest.first, major == "2" || major == "3" else { return false }
        rest = rest.dropFirst()
        guard rest.first == "." else { return false }
        rest = rest.dropFirst()
        let minor = rest.prefix { $0.isASCII && $0.isNumber }
        guard !minor.isEmpty else { return false }
        rest = rest.dropFirst(minor.count).drop { $0.isASCII && $0.isLowercase }
        return rest.hasPrefix(".so")
    }
}
