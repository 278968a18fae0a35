import Foundation

/// Where the end-to-end tests find swiftspy, tmux, a Python and the target script; all found at run time.
enum TopEnvironment {
    /// `SWIFTSPY_SKIP_LIVE=1` turns these tests off, as it does the other live suites.
    static var enabled: Bool { ProcessInfo.processInfo.environment["SWIFTSPY_SKIP_LIVE"] != "1" }

    /// The swiftspy executable SwiftPM built next to this test bundle (the target depends on it), or
    /// `SWIFTSPY_BINARY`.
    static func swiftspy() throws -> String {
        if let override = ProcessInfo.processInfo.environment["SWIFTSPY_BINARY"], !override.isEmpty {
            return override
        }
        var directories: [URL] = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        if let first = CommandLine.arguments.first {
            directories.insert(URL(fileURLWithPath: first).deletingLastPathComponent(), at: 0)
        }
        for directory in directories {
            let candidate = directory.appendingPathComponent("swiftspy").path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                FileManager.default.isExecutableFile(atPath: candidate)
            {
                return candidate
            }
        }
        throw HarnessError("no swiftspy executable next to the test bundle; build it or set SWIFTSPY_BINARY")
    }

    /// `$(pyenv root)/versions/3.12.1/bin/python` when present, else the newest pyenv 3.x, else the system one.
    static func python() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        let root =
            environment["PYENV_ROOT"].flatMap { $0.isEmpty ? nil : $0 }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".pyenv").path
        let versions = root + "/versions"
        let installed = ((try? FileManager.default.contentsOfDirectory(atPath: versions)) ?? [])
            .filter { $0.hasPrefix("3.") }
            .sorted {
                $0.split(separator: ".").compactMap { Int($0) }.lexicographicallyPrecedes(
                    $1.split(separator: ".").compactMap { Int($0) })
            }
        let candidates =
            ["\(versions)/3.12.1/bin/python"] + installed.reversed().map { "\(versions)/\($0)/bin/python" }
            + ["/usr/bin/python3"]
        guard let python = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw HarnessError("no Python 3 found under \(versions) or at /usr/bin/python3")
        }
        return python
    }

    /// Every Python 3 under `$(pyenv root)/versions` (3.14, 3.15 and 3.13t too, once
    /// `scripts/install-test-pythons` ran) and the system one: `top` is checked once on each.
    static let allPythons: [String] = {
        let environment = ProcessInfo.processInfo.environment
        let root =
            environment["PYENV_ROOT"].flatMap { $0.isEmpty ? nil : $0 }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".pyenv").path
        let versions = root + "/versions"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: versions)) ?? []).filter {
            $0.hasPrefix("3.")
        }
        return (names.sorted().map { "\(versions)/\($0)/bin/python" } + ["/usr/bin/python3"])
            .filter { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static func tmux() throws -> String {
        for candidate in ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        throw HarnessError("tmux is not installed; these tests drive swiftspy top in a tmux pane")
    }

    /// The copied `busy.py`.
    static func busyScript() throws -> String {
        guard let url = Bundle.module.url(forResource: "Targets", withExtension: nil) else {
            throw HarnessError("the Targets resource directory is missing from the test bundle")
        }
        return url.appendingPathComponent("busy.py").path
    }

    /// A fresh scratch directory, removed by the caller.
    static func scratchDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("swiftspy-top-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// A failure of the harness itself, as one sentence.
struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Polls `condition` until it holds or `timeout` passes; the pause between polls is only pacing, never
/// what the test relies on. Returns the last value seen, for failure messages.
func waitFor<Value>(
    _ what: String, timeout: Duration = .seconds(30), _ probe: () throws -> Value, until condition: (Value) -> Bool
) throws -> Value {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while true {
        let value = try probe()
        if condition(value) { return value }
        guard clock.now < deadline else {
            throw HarnessError("timed out after \(timeout) waiting for \(what); last seen:\n\(value)")
        }
        usleep(20_000)
    }
}

/// Whether a process exists (and is not a zombie).
func processIsAlive(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
    else { return false }
    let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
    return state != "Z" && state != "X"
}
