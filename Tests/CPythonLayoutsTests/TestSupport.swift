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
        guard let position = layout.groups.first(where: { $0.name == group })?.fields
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
