import LiveTestSupport
import Foundation

/// A running `park_threads.py` whose threads are all parked, with the report it printed.
///
/// Callers must `stop()` it in a `defer` right after `launch` returns: the target never exits by itself.
final class ParkedTarget {
    let process: Process
    let report: TargetReport
    /// The command line the target was started with, as `dump` should print it after `Process <pid>:`.
    let commandLine: [String]

    var pid: Int32 { process.processIdentifier }

    private init(process: Process, report: TargetReport, commandLine: [String]) {
        self.process = process
        self.report = report
        self.commandLine = commandLine
    }

    /// Starts the target and waits (bounded) for its one-line report.
    ///
    /// `-B` keeps `.pyc` files out of the resource directory, `-E -s` keep the user's environment and site
    /// directory out of the picture, so every interpreter runs the same code.
    static func launch(_ interpreter: Interpreter, timeout: Duration = .seconds(30)) throws -> ParkedTarget {
        let script = try LiveEnvironment.targetsDirectory().appendingPathComponent("park_threads.py").path
        let arguments = ["-B", "-E", "-s", script]
        let stdout = Pipe()
        let stderrURL = FileManager.default.temporaryDirectory
            .appendingPathComponent("swiftspy-live-target-\(UUID().uuidString).stderr")
        guard FileManager.default.createFile(atPath: stderrURL.path, contents: nil) else {
            throw LiveTestError("cannot create \(stderrURL.path)")
        }
        defer { try? FileManager.default.removeItem(at: stderrURL) }
        let stderr = try FileHandle(forWritingTo: stderrURL)
        defer { try? stderr.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: interpreter.executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        do {
            let line = try LineReader.firstLine(
                from: stdout.fileHandleForReading.fileDescriptor, timeout: timeout)
            let report = try TargetReport.decode(line: line)
            guard report.pid == process.processIdentifier else {
                throw LiveTestError(
                    "the report names pid \(report.pid), but the target is \(process.processIdentifier)")
            }
            return ParkedTarget(process: process, report: report, commandLine: [interpreter.executable] + arguments)
        } catch {
            terminate(process)
            let messages = String(decoding: (try? Data(contentsOf: stderrURL)) ?? Data(), as: UTF8.self)
            throw LiveTestError(
                "\(interpreter.label): \(error); target stderr: \(messages.suffix(2000).debugDescription)")
        }
    }

    /// `readlink /proc/<pid>/exe`, which `dump` prints in its `Python v…` line. Read while the target is alive.
    func executablePath() throws -> String {
        try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe")
    }

    /// Kills the target and reaps it. SIGKILL: the target has nothing to clean up, and no signal handling in it can
    /// keep a failed test from ending.
    func stop() {
        Self.terminate(process)
    }

    private static func terminate(_ process: Process) {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
