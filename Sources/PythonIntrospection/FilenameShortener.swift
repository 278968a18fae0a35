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

    /// The rule itself; `hostPath` maps a path in the target to one we can check.
    static func shorten(_ filename: String, hostPath: (String) -> String) -> String {
        guard filename.hasPrefix("/") else { return filename }  // `<string>`, `<frozen …>`, relative paths
        var components = filename.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard components.count >= 2 else { return filename }
        let file = components.removeLast()
        var kept = [file]
        while components.count > 1 {
            let directory = components.joined(separator: "/")
            guard ProcFiles.exists(hostPath(directory + "/__init__.py")) else { break }
            kept.insert(components.removeLast(), at: 0)
        }
        return kept.joined(separator: "/")
    }
}
