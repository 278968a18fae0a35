import Foundation

/// Where the live tests find their inputs: the opt-out switch, the swiftspy binary and the Python targets.
///
/// Everything is discovered at run time so that the suite follows what is installed rather than a hard-coded list.
public enum LiveEnvironment {
    /// `SWIFTSPY_SKIP_LIVE=1` turns the live suites off. Without it, a machine with no interpreter fails loudly:
    /// a silently empty live suite would look like a pass.
    public static let skipRequested: Bool = ProcessInfo.processInfo.environment["SWIFTSPY_SKIP_LIVE"] == "1"

    /// The live suites run unless the user opted out.
    public static var enabled: Bool { !skipRequested }

    /// The swiftspy executable under test: `SWIFTSPY_BINARY` if set, else the one SwiftPM built next to this test
    /// bundle (the test target depends on the `swiftspy` product, so it is always built alongside).
    public static func swiftspyBinary() throws -> URL {
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

    /// The `Targets` resource directory copied into a test target's bundle (each live test target passes its
    /// own `Bundle.module`).
    public static func targetsDirectory(in bundle: Bundle) throws -> URL {
        guard let url = bundle.url(forResource: "Targets", withExtension: nil) else {
            throw LiveTestError("the Targets resource directory is missing from the test bundle")
        }
        return url
    }
}

/// A failure of the harness itself (a target that would not start, a timeout), told as one readable sentence.
public struct LiveTestError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A scratch directory for one test's output files, removed by `remove()` (call it in a `defer`).
public struct ScratchDirectory {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("swiftspy-live-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    public func remove() { try? FileManager.default.removeItem(at: url) }
}
