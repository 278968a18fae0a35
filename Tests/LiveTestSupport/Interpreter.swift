import Foundation

/// One Python executable the live tests run against.
public struct Interpreter: Sendable {
    /// Shown in test names and in the coverage list, e.g. `pyenv 3.11.7` or `system /usr/bin/python3`.
    public let label: String
    /// The path the target is started with (also what `dump` prints after `Process <pid>:`).
    public let executable: String
    /// `[major, minor, …]` when known before running (pyenv directory names); `[3]` for the system python.
    public let version: [Int]?

    /// A free-threaded build (pyenv's naming: a version directory such as `3.13.5t`).
    public var isFreeThreaded: Bool { label.hasSuffix("t") && label.hasPrefix("pyenv ") }

    /// The major version when it is known before running.
    public var majorVersion: Int? { version?.first }

    public func isVersion(_ major: Int, _ minor: Int) -> Bool {
        version?.prefix(2).elementsEqual([major, minor]) ?? false
    }
}

/// Finds every interpreter installed on this machine, at run time.
///
/// pyenv builds link a shared libpython; Debian's `/usr/bin/python3` has libpython linked into the executable, a
/// different layout for swiftspy's interpreter search, so both kinds are covered whenever present.
public enum Interpreters {
    public static let installed: [Interpreter] = pyenvInterpreters() + systemInterpreters()

    /// `$(pyenv root)`: pyenv itself answers `$PYENV_ROOT`, else `~/.pyenv`, so this needs no subprocess.
    public static var pyenvRoot: URL {
        if let root = ProcessInfo.processInfo.environment["PYENV_ROOT"], !root.isEmpty {
            return URL(fileURLWithPath: root)
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".pyenv")
    }

    /// A one-line summary for the test log, so a run shows exactly what it covered.
    public static var summary: String {
        guard !installed.isEmpty else { return "no interpreters" }
        return "\(installed.count) interpreter(s): " + installed.map(\.label).joined(separator: ", ")
    }

    private static func pyenvInterpreters() -> [Interpreter] {
        let versions = pyenvRoot.appendingPathComponent("versions")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: versions.path)) ?? []
        return names.sorted(by: versionOrder).compactMap { name in
            let python = versions.appendingPathComponent(name).appendingPathComponent("bin/python").path
            guard FileManager.default.isExecutableFile(atPath: python) else { return nil }
            let version = name.split(separator: ".").compactMap { Int($0) }
            return Interpreter(label: "pyenv \(name)", executable: python, version: version)
        }
    }

    private static func systemInterpreters() -> [Interpreter] {
        let python = "/usr/bin/python3"
        guard FileManager.default.isExecutableFile(atPath: python) else { return [] }
        return [Interpreter(label: "system \(python)", executable: python, version: [3])]
    }

    /// Numeric order, so 3.9 comes before 3.10; names that are not versions sort last, by name.
    private static func versionOrder(_ lhs: String, _ rhs: String) -> Bool {
        let left = lhs.split(separator: ".").map { Int($0) ?? Int.max }
        let right = rhs.split(separator: ".").map { Int($0) ?? Int.max }
        return left == right ? lhs < rhs : left.lexicographicallyPrecedes(right)
    }
}
