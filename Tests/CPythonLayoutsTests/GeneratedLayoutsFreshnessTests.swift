import Testing

/// GeneratedLayouts.swift is committed; this fails when the installed headers would produce something else.
@Suite struct GeneratedLayoutsFreshnessTests {
    @Test(
        .enabled(
            if: TestEnvironment.hasPyenvVersions,
            "pyenv's versions directory is absent, so the layout probes cannot be compiled"))
    func committedFileMatchesTheHeaders() throws {
        let result = try TestEnvironment.run(
            "/usr/bin/env", ["python3", "scripts/generate_layouts.py", "--check"], in: TestEnvironment.repositoryRoot)
        #expect(result.status == 0, Comment(rawValue: result.output))
    }
}
