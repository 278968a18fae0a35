import LiveTestSupport
import Foundation

/// A running `locals_target.py`, parked with a local of every kind, and the variables it says `dump --locals` must
/// list (see the script for how it computes them).
///
/// Callers must `stop()` it in a `defer` right after `launch` returns: the target never exits by itself.
final class LocalsTarget {
    /// One variable as `dump --locals --json` writes it.
    struct Variable: Decodable, Equatable, Sendable, CustomStringConvertible {
        let name: String
        let arg: Bool
        let addr: UInt64
        let repr: String?

        var description: String { "\(name)\(arg ? " (arg)" : ""): \(repr ?? "?") @0x\(String(addr, radix: 16))" }
    }

    /// The target's line: `expected[count][frame name]` for each `-l` count.
    struct Report: Decodable, Sendable {
        let pythonVersion: String
        let expected: [String: [String: [Variable]]]

        enum CodingKeys: String, CodingKey {
            case expected
            case pythonVersion = "python_version"
        }
    }

    let process: Process
    let report: Report

    var pid: Int32 { process.processIdentifier }

    private init(process: Process, report: Report) {
        self.process = process
        self.report = report
    }

    /// Starts the target and waits (bounded) for its one-line report, printed just before it parks.
    static func launch(_ interpreter: Interpreter, timeout: Duration = .seconds(30)) throws -> LocalsTarget {
        let script = try LiveEnvironment.targetsDirectory().appendingPathComponent("locals_target.py").path
        let stdout = Pipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: interpreter.executable)
        process.arguments = ["-B", "-E", "-s", script]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        do {
            let line = try LineReader.firstLine(from: stdout.fileHandleForReading.fileDescriptor, timeout: timeout)
            let report = try JSONDecoder().decode(Report.self, from: Data(line.utf8))
            return LocalsTarget(process: process, report: report)
        } catch {
            terminate(process)
            throw LiveTestError("\(interpreter.label): locals_target.py did not report: \(error)")
        }
    }

    /// Kills the target and reaps it.
    func stop() {
        Self.terminate(process)
    }

    private static func terminate(_ process: Process) {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
