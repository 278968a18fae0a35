import LiveTestSupport
import Testing

/// The live suites must cover something: finding no interpreter is a failure, not a quiet pass, unless the user
/// opted out with `SWIFTSPY_SKIP_LIVE=1`. The log line lists what this run covered.
@Suite("Live interpreter coverage")
struct InterpreterCoverageTests {
    @Test("At least one Python interpreter is installed")
    func interpretersAreInstalled() {
        guard LiveEnvironment.enabled else {
            print("LiveInterpreterTests: skipped because SWIFTSPY_SKIP_LIVE=1")
            return
        }
        print("LiveInterpreterTests: covering \(Interpreters.summary)")
        #expect(
            !Interpreters.installed.isEmpty,
            """
            No Python interpreter found in \(Interpreters.pyenvRoot.path)/versions/*/bin/python or /usr/bin/python3. \
            Install one, or set SWIFTSPY_SKIP_LIVE=1 to skip the live tests.
            """)
    }

    @Test(
        "The swiftspy binary is found next to the test bundle",
        .enabled(if: LiveEnvironment.enabled, "SWIFTSPY_SKIP_LIVE=1"))
    func swiftspyBinaryIsFound() throws {
        let binary = try LiveEnvironment.swiftspyBinary()
        print("LiveInterpreterTests: testing \(binary.path)")
    }
}
