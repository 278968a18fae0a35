import LiveTestSupport
import Testing

/// The record live suites must cover something: finding no interpreter is a failure, not a quiet pass, unless the
/// user opted out with `SWIFTSPY_SKIP_LIVE=1`. The log lines list what this run covered.
@Suite("record: live coverage")
struct RecordCoverageTests {
    @Test("At least one Python interpreter is installed")
    func interpretersAreInstalled() {
        guard LiveEnvironment.enabled else {
            print("RecordLiveTests: skipped because SWIFTSPY_SKIP_LIVE=1")
            return
        }
        print("RecordLiveTests: covering \(Interpreters.summary)")
        print("RecordLiveTests: formats checked on \(Interpreters.formatCoverage.map(\.label).joined(separator: ", "))")
        #expect(
            !Interpreters.installed.isEmpty,
            """
            No Python interpreter found in \(Interpreters.pyenvRoot.path)/versions/*/bin/python or /usr/bin/python3. \
            Install one, or set SWIFTSPY_SKIP_LIVE=1 to skip the live tests.
            """)
    }

    @Test("The swiftspy binary is found", .enabled(if: LiveEnvironment.enabled, "SWIFTSPY_SKIP_LIVE=1"))
    func swiftspyBinaryIsFound() throws {
        print("RecordLiveTests: testing \(try LiveEnvironment.swiftspyBinary().path)")
    }
}
