import CPythonLayouts
import Foundation

/// Paths and helpers shared by the layout tests.
enum TestEnvironment {
    /// The package root, found from this file's path (Tests/CPythonLayoutsTests/TestSupport.swift).
    static let repositoryRoot: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }()

    static let pyenvVersions: String = {
        let environment = ProcessInfo.processInfo.environment
        return (environment["PYENV_ROOT"] ?? (NSHomeDirectory() + "/.pyenv")) + "/versions"
    }()

    static var hasPyenvVersions: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: pyenvVersions, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static let python313 = pyenvVersions + "/3.13.0/bin/python3.13"

    /// The newest `$(pyenv root)/versions/<name>` whose name passes `matches`, if any.
    static func installedPrefix(_ matches: (String) -> Bool) -> String? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: pyenvVersions)) ?? []
        return names.filter(matches).sorted {
            $0.split(separator: ".").compactMap { Int($0) }
                .lexicographicallyPrecedes($1.split(separator: ".").compactMap { Int($0) })
        }
        .last.map { pyenvVersions + "/" + $0 }
    }

    /// What the layout probe of scripts/generate_layouts.py prints when compiled against the headers under
    /// `prefix` for 3.`minor`: PythonLayout field name → offset (nil where the version has no such field).
    /// The probe's `debug:…` entries (the `_Py_DebugOffsets` block's own layout) are left out.
    static func probedLayout(minor: Int, prefix: String) throws -> [String: Int?] {
        let script = """
            import importlib.util, json, sys, tempfile
            spec = importlib.util.spec_from_file_location("generator", "scripts/generate_layouts.py")
            generator = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(generator)
            with tempfile.TemporaryDirectory() as work:
                values, _ = generator.run_probe((3, int(sys.argv[2])), sys.argv[1], work)
            print(json.dumps(dict(values)))
            """
        let result = try run("/usr/bin/env", ["python3", "-c", script, prefix, String(minor)], in: repositoryRoot)
        guard result.status == 0,
            let object = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
        else { throw ProbeFailure(output: result.output) }
        return object.filter { !$0.key.hasPrefix("debug:") }.mapValues { $0 as? Int }
    }

    struct ProbeFailure: Error, CustomStringConvertible {
        let output: String
        var description: String { "the layout probe failed: \(output)" }
    }

    /// A layout's offset fields by name (`Int` and `Int?` properties), to compare with `probedLayout`.
    static func fields(of layout: PythonLayout) -> [String: Int?] {
        Dictionary(
            uniqueKeysWithValues: Mirror(reflecting: layout).children.compactMap { child -> (String, Int?)? in
                guard let label = child.label else { return nil }
                if let value = child.value as? Int { return (label, value) }
                if let value = child.value as? Int? { return (label, value) }
                return nil
            })
    }

    /// Runs a program to completion and returns its exit status and standard output (standard error is
    /// appended to the output, so that a failure message shows it).
    static func run(_ executable: String, _ arguments: [String], in directory: String? = nil) throws
        -> (status: Int32, output: String)
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// Builds the bytes of a `_Py_DebugOffsets` block for a layout, as CPython would place it at `_PyRuntime`.
struct DebugOffsetsBytes {
    var layout: DebugOffsetsLayout
    var bytes: [UInt8]

    /// A valid block: cookie, `version`, `free_threaded`, every group `size` set to `defaultSize` and every
    /// other field 0.
    init(layout: DebugOffsetsLayout, versionHex: UInt64, freeThreaded: UInt64 = 0, defaultSize: UInt64 = 4096) {
        self.layout = layout
        bytes = [UInt8](repeating: 0, count: layout.totalSize)
        bytes.replaceSubrange(0..<8, with: Array("xdebugpy".utf8))
        putWord(versionHex, at: 8)
        putWord(freeThreaded, at: 16)
        for group in layout.groups where group.hasSize {
            set(group.name, "size", defaultSize)
        }
    }

    mutating func set(_ group: String, _ field: String, _ value: UInt64) {
        guard
            let position = layout.groups.first(where: { $0.name == group })?.fields
                .first(where: { $0.name == field })?.position
        else { preconditionFailure("no field \(group).\(field) in the 3.\(layout.minor) layout") }
        putWord(value, at: position)
    }

    mutating func set(_ values: [String: [String: UInt64]]) {
        for (group, fields) in values {
            for (field, value) in fields { set(group, field, value) }
        }
    }

    mutating func putWord(_ value: UInt64, at position: Int) {
        for index in 0..<8 { bytes[position + index] = UInt8(truncatingIfNeeded: value >> (8 * index)) }
    }
}
