import LiveTestSupport
import Testing

/// The two invocations every packaging script and user tries first must succeed without a target.
@Suite("swiftspy basics", .enabled(if: LiveEnvironment.enabled, "SWIFTSPY_SKIP_LIVE=1"))
struct CommandLineTests {
    @Test("swiftspy --version prints one line and exits 0")
    func version() async throws {
        let result = try await offloaded { try CommandRunner.swiftspy(["--version"]) }
        #expect(result.exitedNormally && result.status == 0, "\(result.summary)")
        let lines = result.stdout.split(separator: "\n")
        #expect(
            lines.count == 1 && lines[0].contains(where: \.isNumber),
            "version output: \(result.stdout.debugDescription)")
    }

    @Test("swiftspy dump --help documents --pid and --json and exits 0")
    func dumpHelp() async throws {
        let result = try await offloaded { try CommandRunner.swiftspy(["dump", "--help"]) }
        #expect(result.exitedNormally && result.status == 0, "\(result.summary)")
        #expect(result.stdout.contains("--pid") && result.stdout.contains("--json"), "help: \(result.stdout)")
    }
}
