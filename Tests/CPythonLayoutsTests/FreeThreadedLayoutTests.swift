import CPythonLayouts
import Foundation
import Testing

/// `PythonLayout.freeThreaded()` is a rule (object offsets grow by 16 bytes, nothing else moves); this checks the
/// rule against the compiler: the layout probe of scripts/generate_layouts.py compiled against a free-threaded
/// 3.13 build's own headers (`scripts/install-test-pythons` builds one) must give, field for field, what the
/// rule derives from the committed 3.13 table.
@Suite struct FreeThreadedLayoutTests {
    /// `$(pyenv root)/versions/3.13.*t`, the free-threaded builds installed here.
    static let freeThreadedPrefix: String? = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: TestEnvironment.pyenvVersions)) ?? []
        return names.sorted().last { $0.hasPrefix("3.13.") && $0.hasSuffix("t") }
            .map { TestEnvironment.pyenvVersions + "/" + $0 }
    }()

    @Test(.enabled(if: freeThreadedPrefix != nil, "no free-threaded 3.13 under pyenv: run scripts/install-test-pythons"))
    func theRuleMatchesTheCompiledFreeThreadedHeaders() throws {
        let prefix = try #require(Self.freeThreadedPrefix)
        let script = """
            import importlib.util, json, sys, tempfile
            spec = importlib.util.spec_from_file_location("generator", "scripts/generate_layouts.py")
            generator = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(generator)
            with tempfile.TemporaryDirectory() as work:
                values, _ = generator.run_probe((3, 13), sys.argv[1], work)
            print(json.dumps(dict(values)))
            """
        let result = try TestEnvironment.run("/usr/bin/env", ["python3", "-c", script, prefix],
                                             in: TestEnvironment.repositoryRoot)
        try #require(result.status == 0, Comment(rawValue: result.output))
        let compiled = try #require(
            try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any?])
        let gilBuild = try #require(PythonLayout.forVersion(major: 3, minor: 13))
        let derived = Dictionary(uniqueKeysWithValues: Mirror(reflecting: gilBuild.freeThreaded()).children.compactMap {
            child -> (String, Int?)? in
            guard let label = child.label else { return nil }
            if let value = child.value as? Int { return (label, value) }
            if let value = child.value as? Int? { return (label, value) }
            return nil
        })
        // `debug:…` entries place the `_Py_DebugOffsets` block itself, which has the same layout in both builds.
        // The interpreter state and its GIL do differ, and are always replaced by the build's own block.
        let fields = compiled.filter { !$0.key.hasPrefix("debug:") && !$0.key.hasPrefix("interp") && !$0.key.hasPrefix("gil") }
        #expect(fields.count > 50, "the probe printed only \(fields.count) fields")
        for (field, value) in fields {
            let expected = value as? Int
            #expect(derived.keys.contains(field), "\(field) is not a PythonLayout field")
            #expect(derived[field] == expected, "\(field): the rule gives \(String(describing: derived[field] ?? nil)), the headers \(String(describing: expected))")
        }
    }
}
