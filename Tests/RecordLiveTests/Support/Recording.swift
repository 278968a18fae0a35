import LiveTestSupport
import Foundation

/// One `swiftspy record` run of a launched `split_target.py`, with everything the checks need afterwards.
struct Recording: Sendable {
    let result: SwiftspyResult
    /// The `-o` path as passed to swiftspy (it is echoed in the `Wrote … to '<path>'` line): absolute, in the
    /// scratch directory.
    let outputPath: String
    /// The output file, or nil when swiftspy left none.
    let output: Data?
    /// The target's own report, or nil when it never got that far.
    let report: SplitTarget.Report?
    /// How long after swiftspy was started the target wrote its report (its threads all running, its busy loop
    /// next), from the report file's modification time; nil without a report.
    let reportDelay: Duration?
    /// The launched child's `/proc` state letter after swiftspy exited; nil when its pid is gone, as it must be.
    let childStateAfterExit: Character?

    var outputText: String { output.map { String(decoding: $0, as: UTF8.self) } ?? "" }

    /// Problems with the `Samples: N Errors: E` counts: no samples at all, or more than a few failed samples
    /// (sampling a healthy target should not fail; a handful may as the target starts or exits).
    var countProblem: String? {
        guard let samples = result.samplesWritten, let errors = result.errorsReported else {
            return "no `Wrote … Samples: N Errors: E` line"
        }
        if samples == 0 { return "no samples (\(errors) errors)" }
        if errors > max(5, samples / 20) { return "\(errors) failed samples for \(samples) samples" }
        return nil
    }

    /// The console lines swiftspy prints (stdout), without empty lines.
    var stdoutLines: [String] { result.stdout.split(separator: "\n").map(String.init) }

    /// Runs `swiftspy record -o <scratch>/<outputName> <flags> -- python split_target.py --report … <options>`.
    ///
    /// After swiftspy exits, the launched child must be gone; if it is not, it is killed here (and
    /// the test fails on `childStateAfterExit`).
    static func launched(
        _ interpreter: Interpreter, flags: [String], outputName: String, targetOptions: [String] = [],
        in directory: ScratchDirectory, timeout: Duration = .seconds(30)
    ) throws -> Recording {
        let reportPath = directory.path("report-\(UUID().uuidString.prefix(8)).json")
        let command = try SplitTarget.commandLine(interpreter, report: reportPath, options: targetOptions)
        let outputPath = directory.path(outputName)
        let started = Date()
        let result = try SwiftspyProcess.run(
            ["record", "-o", outputPath] + flags + ["--"] + command, in: directory, timeout: timeout)
        let report = FileManager.default.fileExists(atPath: reportPath) ? try SplitTarget.Report.read(reportPath) : nil
        let reportDelay = (try? FileManager.default.attributesOfItem(atPath: reportPath)[.modificationDate] as? Date)
            .flatMap { $0 }.map { Duration.seconds($0.timeIntervalSince(started)) }
        var childState: Character?
        if let pid = report?.pid {
            // swiftspy reaps the child it kills, so its pid is gone at once; the grace only covers a zombie
            // handed to init when swiftspy exits without reaping.
            childState = ProcState.waitUntilGone(pid, timeout: .seconds(2))
            if childState != nil { ProcState.killIfTarget(pid) }
        }
        return Recording(
            result: result, outputPath: outputPath, output: try? Data(contentsOf: URL(fileURLWithPath: outputPath)),
            report: report, reportDelay: reportDelay, childStateAfterExit: childState)
    }
}
