import Foundation
import Testing

/// One Python executable the live tests run against (copied from LiveInterpreterTests, plus the minor version).
struct Interpreter: Sendable, CustomTestStringConvertible {
    /// E.g. `pyenv 3.11.7` or `system /usr/bin/python3`.
    let label: String
    let executable: String
    /// `[major, minor]` when known from the pyenv directory name; nil for the system python.
    let version: [Int]?

    var testDescription: String { label }

    func isVersion(_ major: Int, _ minor: Int) -> Bool { version?.prefix(2).elementsEqual([major, minor]) ?? false }
}

/// Every interpreter installed on this machine, found at run time: `$(pyenv root)/versions/*/bin/python` and
/// `/usr/bin/python3` (Debian's, with libpython linked into the executable: a different layout to find).
enum Interpreters {
    static let installed: [Interpreter] = pyenvInterpreters() + systemInterpreters()

    static var pyenvRoot: URL {
        if let root = ProcessInfo.processInfo.environment["PYENV_ROOT"], !root.isEmpty {
            return URL(fileURLWithPath: root)
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".pyenv")
    }

    static var summary: String {
        guard !installed.isEmpty else { return "no interpreters" }
        return "\(installed.count) interpreter(s): " + installed.map(\.label).joined(separator: ", ")
    }

    /// The interpreters every output format is checked on: 2.7 and 3.12 when installed (the oldest and a newest
    /// layout family), else the oldest and newest installed, so the format checks never silently vanish.
    static var formatCoverage: [Interpreter] {
        let wanted = installed.filter { $0.isVersion(2, 7) || $0.isVersion(3, 12) }
        if !wanted.isEmpty { return wanted }
        guard let oldest = installed.first, let newest = installed.last else { return [] }
        return oldest.label == newest.label ? [oldest] : [oldest, newest]
    }

    private static func pyenvInterpreters() -> [Interpreter] {
        let versions = pyenvRoot.appendingPathComponent("versions")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: versions.path)) ?? []
        return names.sorted(by: versionOrder).compactMap { name in
            let python = versions.appendingPathComponent(name).appendingPathComponent("bin/python").path
            guard FileManager.default.isExecutableFile(atPath: python) else { return nil }
            let numbers = name.split(separator: ".").map { Int($0) }
            let version = numbers.count >= 2 && numbers.allSatisfy { $0 != nil } ? numbers.compactMap { $0 } : nil
            return Interpreter(label: "pyenv \(name)", executable: python, version: version)
        }
    }

    private static func systemInterpreters() -> [Interpreter] {
        let python = "/usr/bin/python3"
        guard FileManager.default.isExecutableFile(atPath: python) else { return [] }
        return [Interpreter(label: "system \(python)", executable: python, version: nil)]
    }

    private static func versionOrder(_ lhs: String, _ rhs: String) -> Bool {
        let left = lhs.split(separator: ".").map { Int($0) ?? Int.max }
        let right = rhs.split(separator: ".").map { Int($0) ?? Int.max }
        return left == right ? lhs < rhs : left.lexicographicallyPrecedes(right)
    }
}
