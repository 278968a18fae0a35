import Testing
@testable import ELFKit

/// The parser against a hand-built image whose every field is known (see `TinyELF`).
@Suite struct TinyELFTests {
    let image = TinyELF().build().bytes

    @Test func headerAndProgramHeaders() throws {
        let elf = try ELFFile(bytes: image)
        #expect(elf.type == .sharedObject)
        #expect(elf.header.machine == 62)
        #expect(elf.programHeaders.count == 2)
        let data = try #require(elf.programHeaders.last)
        #expect(data.type == .load)
        #expect(data.flags == [.read, .write])
        #expect(data.offset == 0x200)
        #expect(data.virtualAddress == 0x1200)
        #expect(data.fileSize == 0x40)
        #expect(data.memorySize == 0xc0)
    }

    @Test func sectionsHaveNames() throws {
        let elf = try ELFFile(bytes: image)
        #expect(
            elf.sections.map(\.name) == [
                "", ".text", ".data", ".bss", ".tbss", ".symtab", ".strtab", ".dynsym", ".dynstr", ".shstrtab"
            ])
        let text = try #require(elf.section(named: ".text"))
        #expect(text.type == .programBits)
        #expect(text.flags == [.allocate, .executable])
        #expect(text.address == 0x100)
        #expect(text.size == 0x80)
        #expect(elf.section(named: ".nothing") == nil)
    }

    @Test func largestBSSIgnoresOtherNoBitsSections() throws {
        let elf = try ELFFile(bytes: image)
        let bss = try #require(elf.largestBSS)
        #expect(bss.name == ".bss")  // .tbss is larger but is thread-local storage, not .bss
        #expect(bss.size == 0x80)
        #expect(try elf.contents(of: bss).isEmpty)
    }

    @Test func symbolsByNameSkipUndefinedAndPreferGlobalDynamic() throws {
        let elf = try ELFFile(bytes: image)
        let found = try elf.symbols(named: ["_PyRuntime", "Py_Version", "imported_function", "dup", "absent"])
        #expect(Set(found.keys) == ["_PyRuntime", "Py_Version", "dup"])
        let runtime = try #require(found["_PyRuntime"])
        #expect(runtime.value == 0x1200)
        #expect(runtime.size == 0x40)
        #expect(runtime.type == .object)
        #expect(runtime.binding == .global)
        #expect(runtime.sectionIndex == 2)
        // The global .dynsym definition beats the local .symtab one.
        #expect(found["dup"]?.value == 2)
        #expect(found["dup"]?.table == .dynamic)
        #expect(try elf.symbol(named: "imported_function") == nil)
    }

    @Test func symbolsByPrefixKeepEveryLocal() throws {
        let elf = try ELFFile(bytes: image)
        let versions = try elf.symbols { $0.hasPrefix("version") }
        #expect(versions.map(\.name) == ["version.0", "version.1"])
        #expect(versions.allSatisfy { $0.binding == .local && $0.table == .full })
        #expect(try elf.symbols { _ in true }.count == 8)  // 5 defined in .symtab, 3 in .dynsym
    }

    @Test func loadBiasFromEitherSegment() throws {
        let elf = try ELFFile(bytes: image)
        let base: UInt64 = 0x7f00_0000_0000
        #expect(elf.loadBias(mappingStart: base, mappingFileOffset: 0, pageSize: 0x100) == base)
        #expect(elf.loadBias(mappingStart: base + 0x1200, mappingFileOffset: 0x200, pageSize: 0x100) == base)
        // With 4 KiB pages both segments start at file page 0: the first one wins.
        #expect(elf.loadBias(mappingStart: base, mappingFileOffset: 0, pageSize: 0x1000) == base)
        #expect(elf.loadBias(mappingStart: base, mappingFileOffset: 0x5000, pageSize: 0x100) == nil)
        #expect(elf.loadBias(mappingStart: 0x100, mappingFileOffset: 0x200, pageSize: 0x100) == nil)
        #expect(elf.loadBias(mappingStart: base, mappingFileOffset: 0, pageSize: 3) == nil)
    }

    @Test func executablesAreNotRelocated() throws {
        var builder = TinyELF()
        builder.fileType = 2
        let elf = try ELFFile(bytes: builder.build().bytes)
        #expect(elf.type == .executable)
        #expect(elf.loadBias(mappingStart: 0x40_0000, mappingFileOffset: 0) == 0)
    }

    @Test func loadSegmentContainingAddress() throws {
        let elf = try ELFFile(bytes: image)
        #expect(elf.loadSegment(containing: 0x150)?.offset == 0)
        #expect(elf.loadSegment(containing: 0x12bf)?.offset == 0x200)  // in p_memsz, past p_filesz
        #expect(elf.loadSegment(containing: 0x12c0) == nil)
        #expect(elf.loadSegment(containing: 0x1000) == nil)
    }
}
