import Testing
@testable import PythonIntrospection

@Suite struct PythonVersionTests {
    /// The refusal names the versions there are tables for, read from the table list rather than written out.
    @Test func anUnsupportedVersionIsRefusedNamingTheSupportedOnes() throws {
        #expect(IntrospectionError.supportedVersionsText == "2.7 and 3.6 to 3.15")
        let version = try #require(PythonVersion(hex: 0x0310_00A1))
        #expect(
            IntrospectionError.unsupportedVersion(version).description
                == "Python 3.16.0a1 is not supported by swiftspy (supported: 2.7 and 3.6 to 3.15).")
    }

    @Test func decodesPyVersionHex() {
        #expect(PythonVersion(hex: 0x030C_01F0)?.description == "3.12.1")
        #expect(PythonVersion(hex: 0x030D_00C2)?.description == "3.13.0rc2")
        #expect(PythonVersion(hex: 0x030E_00A4)?.description == "3.14.0a4")
        #expect(PythonVersion(hex: 0x030F_00B1)?.description == "3.15.0b1")
        #expect(PythonVersion(hex: 0x0700_0000) == nil)
        #expect(PythonVersion(hex: 0x030C_0100) == nil)  // release level 0 is not a thing
    }

    @Test func parsesVersionTextLikePySpy() {
        func parse(_ text: String) -> String? { PythonVersion(versionText: Array(text.utf8))?.description }
        #expect(parse("2.7.10 (default, Oct  6 2017, 22:29:07)") == "2.7.10")
        #expect(parse("3.6.3 |Anaconda custom (64-bit)| (default, Oct  6 2017, 12:04:38)") == "3.6.3")
        #expect(parse("3.7.0rc1 (v3.7.0rc1:dfad352267, Jun 12 2018, 01:00:10)") == "3.7.0rc1")
        #expect(parse("3.10.0rc1 (tags/v3.10.0rc1, Aug 28 2021, 18:25:40)") == "3.10.0rc1")
        #expect(parse("2.7.15+ (default, Oct  2 2018, 22:12:08)") == "2.7.15+")
        #expect(parse("2.7.10+dcba (default)") == "2.7.10+dcba")
        #expect(parse("2.8.5+cinder (default)")?.hasSuffix("+cinder") == true)
        #expect(parse("1.7.0rc1 (v1.7.0rc1:dfad352267, Jun 12 2018, 01:00:10)") == nil)
        #expect(parse("3.7 10 ") == nil)
        #expect(parse("3.7.10fooboo ") == nil)
    }

    @Test func findsSysVersionInsideRawMemory() {
        var memory = [UInt8](repeating: 0, count: 64)
        memory += Array("junk 9.9.9 ( 3.9.18 (main, Nov 26 2026, 07:29:50) \n[GCC 12.2.0]".utf8) + [0, 0]
        #expect(PythonVersion.search(in: memory)?.description == "3.9.18")
        #expect(PythonVersion.search(in: Array("no version here 3.1 (".utf8)) == nil)
    }

    @Test func readsVersionsFromFileNames() {
        #expect(PythonVersion(fileName: "/usr/bin/python3.11")?.description == "3.11.0")
        #expect(PythonVersion(fileName: "/x/lib/libpython3.12.so.1.0")?.description == "3.12.0")
        #expect(PythonVersion(fileName: "libpython3.13t.so")?.minor == 13)
        #expect(PythonVersion(fileName: "/usr/bin/sleep") == nil)
        #expect(PythonVersion(fileName: "/usr/bin/python") == nil)
    }

    @Test func recognisesLibPythonNames() {
        #expect(PythonBinary.isLibPython("/tmp/_MEIOqzg01/libpython2.7.so.1.0"))
        #expect(PythonBinary.isLibPython("/usr/lib/libpython3.8d.so"))
        #expect(PythonBinary.isLibPython("/usr/lib/libpython3.13t.so.1.0"))
        #expect(PythonBinary.isLibPython("/usr/lib/libpython3.7m.so"))
        #expect(!PythonBinary.isLibPython("/usr/lib/libboost_python39.so"))
        #expect(!PythonBinary.isLibPython("/usr/lib/libpython3.so.txt.py"))
    }

    @Test func shortensFilenamesToThePackage() {
        let packages: Set<String> = [
            "/site/requests/__init__.py", "/site/requests/adapters/__init__.py", "/a//pkg/__init__.py", "/__init__.py"
        ]
        let shorten = { (name: String) in
            FilenameShortener.shorten(name) { path in packages.contains(path) ? "/" : "/nonexistent-\(path)" }
        }
        #expect(shorten("/site/requests/adapters/http.py") == "requests/adapters/http.py")
        #expect(shorten("/home/me/script.py") == "script.py")
        #expect(shorten("<frozen importlib._bootstrap>") == "<frozen importlib._bootstrap>")
        #expect(shorten("<string>") == "<string>")
        // Empty components (doubled slashes) are kept as they are; the root is never dropped.
        #expect(shorten("/a//pkg/mod.py") == "pkg/mod.py")
        #expect(shorten("/top.py") == "top.py")
        #expect(shorten("/") == "")
        #expect(shorten("/λ/naïve.py") == "naïve.py")
    }
}
