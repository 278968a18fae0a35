import Foundation

/// Where the record live tests find their inputs (a trimmed copy of LiveInterpreterTests' helper: a test target
/// cannot import another test target).
enum LiveEnvironment {
    /// `SWIFTSPY_SKIP_LIVE=1` turns the live suites off. Without it, a machine with no interpreter fails loudly.
    static let skipRequested: Bool = ProcessInfo.processInfo.environment["SWIFTSPY_SKIP_LIVE"] == "1"

    static var enabled: Bool { !skipRequested }

    /// The swiftspy executable under test: `SWIFTSPY_BINARY` if set, else the one SwiftPM built next to this test
    /// bundle (the test target depends on the `swiftspy` product, so it is always built alongside).
    static func swiftspyBinary() throws -> URL {
        let environment = ProcessInfo.processInfo.environment
        if let override = environment["SWIFTSPY_BINARY"], !override.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: override) else {
                throw LiveTestError("SWIFTSPY_BINARY=\(override) is not an executable file")
            }
            return URL(fileURLWithPath: override)
        }
        var directories: [URL] = []
        if let first = CommandLine.arguments.first {
            directories.append(URL(fileURLWithPath: first).deletingLastPathComponent())
        }
        directories.append(Bundle.main.bundleURL)
        directories.append(Bundle.main.bundleURL.deletingLastPathComponent())
        if let executable = Bundle.main.executableURL {
            directories.append(executable.deletingLastPathComponent())
        }
        for directory in directories {
            let candidate = directory.appendingPathComponent("swiftspy")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory),
                !isDirectory.boolValue, FileManager.default.isExecutableFile(atPath: candidate.path)
            {
                return candidate
            }
        }
        let searched = directories.map(\.path).joined(separator: ", ")
        throw LiveTestError("no swiftspy executable in \(searched); build it or set SWIFTSPY_BINARY")
    }

    /// The copied `Targets` resource directory holding `split_target.py`.
    static func targetsDirectory() throws -> URL {
        guard let url = Bundle.module.url(forResource: "Targets", withExtension: nil) else {
            throw LiveTestError("the Targets resource directory is missing from the test bundle")
        }
        return url
    }
}

/// A failure of the harness itself (a target that would not start, a timeout), told as one readable sentence.
struct LiveTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A scratch directory for one test's output files, removed by `remove()` (call it in a `defer`).
struct ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("swiftspy-record-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
