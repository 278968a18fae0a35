import ProcessAccess

/// py-spy's short file name rule: drop the directories above the outermost package, so
/// `…/site-packages/requests/api.py` becomes `requests/api.py` and a script becomes `script.py`. Package
/// directories (those holding `__init__.py`) are checked through `/proc/PID/root`, i.e. in the target's own
/// filesystem view, which also works for containers. Results are remembered per file name.
final class FilenameShortener: @unchecked Sendable {
    private let inspector: ProcessInspector
    private var cache: [String: String] = [:]

    init(inspector: ProcessInspector) { self.inspector = inspector }

    func shorten(_ filename: String) -> String {
        if let cached = cache[filename] { return cached }
        let result = Self.shorten(filename) { self.inspector.hostPath(for: $0) }
        if cache.count > 100_000 { cache.removeAll() }
        cache[filename] = result
        return result
    }

    /// The rule itself; `hostPath` maps a path in the target to one we can check. Works on the name's bytes,
    /// cutting at its slashes, rather than splitting it into strings and joining them again (which cost more
    /// than the `access` checks on a first dump).
    static func shorten(_ filename: String, hostPath: (String) -> String) -> String {
        guard filename.hasPrefix("/") else { return filename }  // `<string>`, `<frozen …>`, relative paths
        let bytes = Array(filename.utf8)
        let slashes = bytes.indices.filter { bytes[$0] == UInt8(ascii: "/") }
        // The kept part starts after `slashes[cut]`; each package directory above it moves the cut up one.
        var cut = slashes.count - 1
        while cut > 0 {
            let directory = String(decoding: bytes[..<slashes[cut]], as: UTF8.self)
            guard ProcFiles.exists(hostPath(directory + "/__init__.py")) else { break }
            cut -= 1
        }
        return String(decoding: bytes[(slashes[cut] + 1)...], as: UTF8.self)
    }
}
