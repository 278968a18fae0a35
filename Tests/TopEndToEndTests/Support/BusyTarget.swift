import Foundation

/// `busy.py` started by the test (for `--pid`), or the pid a launched one reported. Readiness comes from
/// the pid file the script writes once it runs, never from waiting a fixed time.
final class BusyTarget {
    let pid: Int32
    let scratch: URL
    private var running = true

    init(arguments: [String] = []) throws {
        scratch = try TopEnvironment.scratchDirectory()
        let ready = scratch.appendingPathComponent("ready").path
        pid = try Spawn.start(
            try TopEnvironment.python(),
            ["-B", "-E", "-s", try TopEnvironment.busyScript(), "--ready", ready] + arguments)
        do {
            _ = try Self.waitForPID(in: ready)
        } catch {
            stop()
            throw error
        }
    }

    /// The pid written to `path` by a running `busy.py --ready path`.
    static func waitForPID(in path: String, timeout: Duration = .seconds(30)) throws -> Int32 {
        let text = try waitFor(
            "busy.py to write \(path)", timeout: timeout,
            {
                (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            }, until: { Int32($0) != nil })
        return Int32(text) ?? 0
    }

    func stop() {
        if running {
            running = false
            Spawn.kill(pid)
        }
        try? FileManager.default.removeItem(at: scratch)
    }

    deinit { stop() }
}

/// The `top` view as the tests read it off the pane.
struct TopScreen {
    let text: String

    /// The screen's rows (capture-pane ends the last one with a newline, which starts no row).
    var lines: [String] {
        var rows = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if text.hasSuffix("\n") { rows.removeLast() }
        return rows
    }

    /// `Total Samples N`.
    var totalSamples: Int? {
        lines.lazy.compactMap { line -> Int? in
            guard line.hasPrefix("Total Samples ") else { return nil }
            return Int(line.dropFirst("Total Samples ".count).prefix { $0.isNumber })
        }.first
    }

    /// The table header line.
    var header: String? { lines.first { $0.contains("Function (filename") } }

    /// The numbers of the row whose label starts with `label`: `[%Own, %Total, OwnTime, TotalTime]`.
    func row(_ label: String) -> [Double]? {
        guard let line = lines.first(where: { $0.contains("   \(label)") }) else { return nil }
        let numbers = line.split(separator: " ").prefix(4).map { field in
            Double(field.trimmingCharacters(in: CharacterSet(charactersIn: "%s")))
        }
        guard numbers.count == 4, numbers.allSatisfy({ $0 != nil }) else { return nil }
        return numbers.compactMap { $0 }
    }
}
