import LiveTestSupport
import Foundation

/// `Targets/split_target.py`: what it is, where its marked lines are, and how to start it on its own.
enum SplitTarget {
    static let fileName = "split_target.py"

    static func scriptPath() throws -> String {
        try LiveEnvironment.targetsDirectory().appendingPathComponent(fileName).path
    }

    /// The interpreter arguments that run the target: `-B` keeps `.pyc` files out of the resource directory,
    /// `-E -s` keep the user's environment and site directory out of the picture.
    static func commandLine(_ interpreter: Interpreter, report: String, options: [String] = []) throws -> [String] {
        [interpreter.executable, "-B", "-E", "-s", try scriptPath(), "--report", report] + options
    }

    /// Line numbers read back from the target's source, so the expected labels follow the file.
    struct Source: Sendable {
        /// `# MARK: <name>` → 1-based line number.
        let marks: [String: Int]
        /// Function name → the line of its `def` (its `co_firstlineno`: no function here is decorated).
        let firstLines: [String: Int]
        /// Function name → the last line of its body.
        let lastLines: [String: Int]

        func mark(_ name: String) throws -> Int {
            guard let line = marks[name] else {
                throw LiveTestError("\(SplitTarget.fileName) has no `# MARK: \(name)`")
            }
            return line
        }

        func firstLine(of function: String) throws -> Int {
            guard let line = firstLines[function] else {
                throw LiveTestError("\(SplitTarget.fileName) defines no \(function)")
            }
            return line
        }

        /// The lines a frame of `function` may report: its `def` line through its last line.
        func lines(of function: String) throws -> ClosedRange<Int> {
            try firstLine(of: function)...(lastLines[function] ?? firstLine(of: function))
        }
    }

    static func source() throws -> Source {
        let text = try String(contentsOfFile: try scriptPath(), encoding: .utf8)
        var marks: [String: Int] = [:]
        var firstLines: [String: Int] = [:]
        var lastLines: [String: Int] = [:]
        var current: String?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            if let mark = line.range(of: "# MARK: ") {
                marks[String(line[mark.upperBound...]).trimmingCharacters(in: .whitespaces)] = number
            }
            if line.hasPrefix("def "), let paren = line.firstIndex(of: "(") {
                let name = String(line[line.index(line.startIndex, offsetBy: 4)..<paren])
                firstLines[name] = number
                current = name
            } else if let name = current, line.hasPrefix(" ") {
                lastLines[name] = number
            } else if !line.isEmpty {
                current = nil
            }
        }
        return Source(marks: marks, firstLines: firstLines, lastLines: lastLines)
    }

    /// The JSON the target writes once all its threads run.
    struct Report: Decodable, Sendable {
        struct Thread: Decodable, Sendable {
            let name: String
            /// `main`, `sleeper`.
            let role: String
            let ident: UInt64
            let nativeID: UInt64

            enum CodingKeys: String, CodingKey {
                case name, role, ident
                case nativeID = "native_id"
            }
        }

        let pid: Int32
        let pythonVersion: String
        /// `co_firstlineno` of the script's `<module>` code: what `--function` labels `<module>` with.
        let moduleFirstLine: Int
        let threads: [Thread]

        enum CodingKeys: String, CodingKey {
            case pid, threads
            case pythonVersion = "python_version"
            case moduleFirstLine = "module_first_line"
        }

        var majorVersion: Int? { pythonVersion.split(separator: ".").first.flatMap { Int($0) } }

        func thread(_ role: String) throws -> Thread {
            guard let thread = threads.first(where: { $0.role == role }) else {
                throw LiveTestError("the target reported no \(role) thread")
            }
            return thread
        }

        static func read(_ path: String) throws -> Report {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            do {
                return try JSONDecoder().decode(Report.self, from: data)
            } catch {
                throw LiveTestError(
                    "the target's report is not the expected JSON (\(error)): \(String(decoding: data.prefix(500), as: UTF8.self))"
                )
            }
        }

        /// Polls for the report file (written atomically by the target) every 10 ms up to the deadline; the poll
        /// only bounds a failure.
        static func await(_ path: String, while alive: () -> Bool, timeout: Duration) throws -> Report {
            let deadline = ContinuousClock.now + timeout
            while !FileManager.default.fileExists(atPath: path) {
                guard alive() else { throw LiveTestError("the target exited before writing its report") }
                guard ContinuousClock.now < deadline else {
                    throw LiveTestError("the target wrote no report within \(timeout)")
                }
                usleep(10_000)
            }
            return try read(path)
        }
    }

    /// A target started by the test itself (for `record --pid`), killed by `stop()` (call it in a `defer`).
    final class Detached: @unchecked Sendable {
        let process: SwiftspyProcess
        let report: Report

        var pid: Int32 { process.pid }

        /// Starts the target (spawned like swiftspy, see `SwiftspyProcess`) and waits (bounded) for its report.
        init(_ interpreter: Interpreter, in directory: ScratchDirectory, options: [String]) throws {
            let reportPath = directory.path("detached-\(UUID().uuidString.prefix(8)).json")
            let command = try SplitTarget.commandLine(interpreter, report: reportPath, options: options)
            process = try SwiftspyProcess(Array(command.dropFirst()), in: directory, executable: command[0])
            do {
                report = try Report.await(reportPath, while: { [process] in !process.hasExited }, timeout: .seconds(30))
            } catch {
                process.killIfRunning()
                throw LiveTestError("\(interpreter.label): \(error)")
            }
        }

        func stop() { process.killIfRunning() }
    }
}

/// What `/proc` says about a process the test did not start itself (swiftspy's launched child).
enum ProcState {
    /// The state letter from `/proc/<pid>/stat` (after the last `)`), or nil when the process is gone.
    static func letter(_ pid: Int32) -> Character? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        return stat[stat.index(after: close)...].first { $0 != " " }
    }

    /// Polls (every 10 ms, bounded) until the pid is gone; returns the last state seen if it never went.
    static func waitUntilGone(_ pid: Int32, timeout: Duration) -> Character? {
        let deadline = ContinuousClock.now + timeout
        while let state = letter(pid) {
            if ContinuousClock.now >= deadline { return state }
            usleep(10_000)
        }
        return nil
    }

    /// Kills a leftover target by pid, but only if it is still our script (a pid is never reused this fast, but
    /// a test must not kill a stranger).
    static func killIfTarget(_ pid: Int32) {
        guard let command = try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline")),
            String(decoding: command, as: UTF8.self).contains(SplitTarget.fileName)
        else { return }
        kill(pid, SIGKILL)
    }
}
