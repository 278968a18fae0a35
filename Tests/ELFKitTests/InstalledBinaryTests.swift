import Foundation
import Testing
@testable import ELFKit

/// The parser over the real interpreters installed on this machine, cross-checked with binutils.
@Suite struct InstalledBinaryTests {
    @Test(.enabled(if: InstalledBinaries.exists(InstalledBinaries.libpython312)))
    func libpython312() throws {
        let path = InstalledBinaries.libpython312
        let elf = try ELFFile(path: path)
        #expect(elf.type == .sharedObject)
        #expect(elf.section(named: ".symtab") != nil)
        let symbols = try elf.symbols(named: ["_PyRuntime", "Py_Version", "PyCode_Type"])
        #expect(symbols.count == 3)
        #expect(symbols["Py_Version"]?.size == 8)  // `const unsigned long`: 8 bytes on LP64, not a u32
        #expect(symbols["_PyRuntime"]?.type == .object)
        for (name, symbol) in symbols {
            if let expected = InstalledBinaries.nmValue(of: name, in: path, dynamic: true) {
                #expect(symbol.value == expected, "\(name)")
            }
            // Every one of them lives in a loaded segment, inside .data or .rodata rather than .bss.
            #expect(elf.loadSegment(containing: symbol.value) != nil)
        }
        let bss = try #require(elf.largestBSS)
        #expect(bss.size > 0)
        #expect(elf.loadSegment(containing: bss.address) != nil)
    }

    @Test(.enabled(if: InstalledBinaries.exists(InstalledBinaries.libpython27)))
    func libpython27() throws {
        let path = InstalledBinaries.libpython27
        let elf = try ELFFile(path: path)
        let symbols = try elf.symbols(named: ["interp_head", "_PyThreadState_Current"])
        #expect(symbols["interp_head"]?.binding == .local)  // a static: only in .symtab
        #expect(symbols["interp_head"]?.table == .full)
        for (name, symbol) in symbols {
            if let expected = InstalledBinaries.nmValue(of: name, in: path, dynamic: false) {
                #expect(symbol.value == expected, "\(name)")
            }
        }
        #expect(symbols.count == 2)
        // Py_GetVersion's static buffer, renamed by the compiler.
        let versionBuffers = try elf.symbols { $0 == "version" || $0.hasPrefix("version.") }
        #expect(!versionBuffers.isEmpty)
    }

    @Test(.enabled(if: InstalledBinaries.exists(InstalledBinaries.debianPython311)))
    func strippedNonPIEExecutable() throws {
        let path = InstalledBinaries.debianPython311
        let elf = try ELFFile(path: path)
        #expect(elf.type == .executable)
        #expect(elf.sections.allSatisfy { $0.type != .symbolTable })  // stripped
        let symbols = try elf.symbols(named: ["_PyRuntime", "Py_Version"])
        #expect(symbols.count == 2)
        #expect(symbols.values.allSatisfy { $0.table == .dynamic })
        #expect(symbols["_PyRuntime"]?.value == InstalledBinaries.nmValue(of: "_PyRuntime", in: path, dynamic: true))
        let text = try #require(elf.loadSegments.first { $0.flags.contains(.execute) })
        #expect(elf.loadBias(mappingStart: text.virtualAddress & ~0xfff, mappingFileOffset: text.offset & ~0xfff) == 0)
    }

    /// End to end: load libpython into this process with dlopen, then compute symbol addresses from
    /// /proc/self/maps and the load bias, and compare with what the dynamic linker says.
    @Test(.enabled(if: InstalledBinaries.exists(InstalledBinaries.libpython312)))
    func loadBiasMatchesTheDynamicLinker() throws {
        let path = InstalledBinaries.libpython312
        let handle = try #require(dlopen(path, RTLD_NOW | RTLD_LOCAL))
        defer { dlclose(handle) }
        let linked = try #require(dlsym(handle, "Py_Version"))
        let elf = try ELFFile(path: path)
        let symbol = try #require(try elf.symbol(named: "Py_Version"))

        let realPath = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let maps = try String(contentsOfFile: "/proc/self/maps", encoding: .utf8)
        var biases: Set<UInt64> = []
        for line in maps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, String(fields[5]) == realPath || String(fields[5]) == path,
                let start = UInt64(fields[0].prefix { $0 != "-" }, radix: 16),
                let offset = UInt64(fields[2], radix: 16)
            else { continue }
            let bias = try #require(elf.loadBias(mappingStart: start, mappingFileOffset: offset), "\(line)")
            biases.insert(bias)
        }
        // Every maps line of the library (including RELRO splits) agrees on one bias.
        #expect(biases.count == 1)
        let bias = try #require(biases.first)
        #expect(bias + symbol.value == UInt64(UInt(bitPattern: linked)))
    }

    @Test func unreadableFiles() {
        #expect(throws: ELFError.cannotOpen(path: "/nonexistent/libpython", errno: ENOENT)) {
            try ELFFile(path: "/nonexistent/libpython")
        }
        #expect(throws: ELFError.readFailed(path: "/", errno: EISDIR)) { try ELFFile(path: "/") }
        #expect(throws: ELFError.notELF) { try ELFFile(path: "/proc/self/status") }
        #expect(ELFError.cannotOpen(path: "/x", errno: EACCES).description.contains("sudo"))
    }
}
