import LiveTestSupport
import Foundation
import Testing

/// A recording in which every sample failed must not pass for a success (issue 13.2: a 5,000-frame stack gave
/// `Samples: 0 Errors: 185`, an empty file and exit status 0). The target here is a real process whose only
/// stack cannot be read: its innermost frame's link to the caller points at unmapped memory.
@Suite("record: every sample failed", .enabled(if: LiveEnvironment.enabled, "SWIFTSPY_SKIP_LIVE=1"))
struct RecordFailureTests {
    @Test("record exits 1 with the reason when no sample could be read", arguments: Interpreters.installed)
    func everySampleFailed(_ interpreter: Interpreter) async throws {
        let result = try await offloaded { () throws -> SwiftspyResult in
            let scratch = try ScratchDirectory()
            defer { scratch.remove() }
            let script = try LiveEnvironment.targetsDirectory().appendingPathComponent("broken_chain.py").path
            let target = try SwiftspyProcess(
                ["-B", "-E", "-s", script], in: scratch,
                executable: interpreter.executable)
            defer { target.killIfRunning() }
            try target.waitForStdout(containing: "READY", timeout: .seconds(30))
            return try SwiftspyProcess.run(
                [
                    "record", "-p", String(target.pid), "-d", "0.5", "-r", "50", "-f", "raw",
                    "-o", scratch.path("broken.txt")
                ], in: scratch)
        }
        #expect(result.exitedNormally && result.status == 1, "\(interpreter.label): \(result.summary)")
        #expect(result.samplesWritten == 0, "\(result.stdout)")
        #expect((result.errorsReported ?? 0) > 0, "\(result.stdout)")
        let errorLines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("Error: ") }
        #expect(errorLines.count == 1, "\(result.stderr)")
        #expect(errorLines.first?.contains("samples failed") == true, "\(result.stderr)")
        #expect(errorLines.first?.contains("not mapped") == true, "the reason is named: \(result.stderr)")
    }
}
