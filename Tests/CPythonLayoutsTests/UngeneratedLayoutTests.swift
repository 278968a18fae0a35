import CPythonLayouts
import Foundation
import Testing

/// The layouts that are not generated, checked against a compiler where one can place their fields:
/// - `PythonLayout.freeThreaded()` is a rule (object offsets grow by 16 bytes, nothing else moves), checked
///   against the layout probe of scripts/generate_layouts.py compiled with a free-threaded 3.13 build's own
///   headers (`scripts/install-test-pythons` builds one);
/// - the 3.14 and 3.15 tables of SourceDerivedLayouts.swift, derived by hand from CPython's sources, checked
///   against the headers Debian's 3.14/3.15 ship (the same script installs them).
/// The interpreter state and its GIL (and, on 3.14, the thread state's size) differ between patch releases and
/// builds; every 3.13+ target carries them in its `_Py_DebugOffsets`, which always replaces them, so they are
/// left out of the comparison.
@Suite struct UngeneratedLayoutTests {
    static let freeThreaded313 = TestEnvironment.installedPrefix { $0.hasPrefix("3.13.") && $0.hasSuffix("t") }
    static let release314 = TestEnvironment.installedPrefix {
        $0.range(of: #"^3\.14\.[0-9]+$"#, options: .regularExpression) != nil
    }
    static let release315 = TestEnvironment.installedPrefix {
        $0.range(of: #"^3\.15\.[0-9]+$"#, options: .regularExpression) != nil
    }

    static func alwaysReplaced(_ field: String) -> Bool {
        field.hasPrefix("interp") || field.hasPrefix("gil") || field.hasPrefix("runtime") || field == "threadStateSize"
    }

    /// Every probed field must be a PythonLayout field with the probed value.
    static func expectAgreement(_ layout: PythonLayout, _ probed: [String: Int?], _ context: String) {
        let fields = TestEnvironment.fields(of: layout)
        let compared = probed.filter { !alwaysReplaced($0.key) }
        #expect(compared.count > 50, "\(context): the probe printed only \(compared.count) fields")
        for (field, value) in compared {
            #expect(fields.keys.contains(field), "\(context): \(field) is not a PythonLayout field")
            #expect(
                fields[field] == value,
                "\(context): \(field) is \(String(describing: fields[field] ?? nil)), the headers say \(String(describing: value))"
            )
        }
    }

    @Test(.enabled(if: freeThreaded313 != nil, "no free-threaded 3.13 under pyenv: run scripts/install-test-pythons"))
    func theFreeThreadedRuleMatchesTheCompiledHeaders() throws {
        let prefix = try #require(Self.freeThreaded313)
        let gilBuild = try #require(PythonLayout.forVersion(major: 3, minor: 13))
        Self.expectAgreement(
            gilBuild.freeThreaded(), try TestEnvironment.probedLayout(minor: 13, prefix: prefix), prefix)
    }

    @Test(.enabled(if: release314 != nil, "no 3.14 under pyenv: run scripts/install-test-pythons"))
    func theHandDerived314TableMatchesTheShippedHeaders() throws {
        let prefix = try #require(Self.release314)
        let table = try #require(PythonLayout.forVersion(major: 3, minor: 14))
        Self.expectAgreement(table, try TestEnvironment.probedLayout(minor: 14, prefix: prefix), prefix)
    }

    @Test(.enabled(if: release315 != nil, "no 3.15 under pyenv: run scripts/install-test-pythons"))
    func theHandDerived315TableMatchesTheShippedHeaders() throws {
        let prefix = try #require(Self.release315)
        let table = try #require(PythonLayout.forVersion(major: 3, minor: 15))
        Self.expectAgreement(table, try TestEnvironment.probedLayout(minor: 15, prefix: prefix), prefix)
    }
}
