import Testing
@testable import ELFKit

/// Damaged and foreign inputs must come back as typed errors, never as traps.
@Suite struct CorruptELFTests {
    let built = TinyELF().build()

    private func patched(_ offset: Int, _ bytes: [UInt8]) -> [UInt8] {
        var image = built.bytes
        image.replace(offset, with: bytes)
        return image
    }

    private func sectionField(_ section: Int, _ field: Int) -> Int {
        built.sectionHeaderOffset + section * 64 + field
    }

    @Test func foreignInputs() {
        #expect(throws: ELFError.notELF) { try ELFFile(bytes: []) }
        #expect(throws: ELFError.notELF) { try ELFFile(bytes: Array("#!/bin/sh\n".utf8)) }
        #expect(throws: ELFError.not64Bit(elfClass: 1)) { try ELFFile(bytes: patched(4, [1])) }
        #expect(throws: ELFError.notLittleEndian(dataEncoding: 2)) { try ELFFile(bytes: patched(5, [2])) }
        #expect(throws: ELFError.truncated(what: "ELF header", offset: 0, count: 64, fileSize: 20)) {
            try ELFFile(bytes: Array(built.bytes.prefix(20)))
        }
    }

    @Test func headerTablesOutsideTheFile() {
        #expect(throws: ELFError.self) { try ELFFile(bytes: patched(40, le(UInt64(1 << 40)))) }  // e_shoff
        #expect(throws: ELFError.self) { try ELFFile(bytes: patched(40, le(UInt64.max - 8))) }
        #expect(throws: ELFError.self) { try ELFFile(bytes: patched(56, le(UInt16(0xfff0)))) }  // e_phnum
        #expect(throws: ELFError.self) { try ELFFile(bytes: patched(32, le(UInt64.max))) }  // e_phoff
        #expect(throws: ELFError.self) { try ELFFile(bytes: patched(60, le(UInt16(0xffff)))) }  // e_shnum
    }

    @Test func inconsistentHeaderFields() {
        #expect(throws: ELFError.malformed("section header entry size 10 is below 64")) {
            try ELFFile(bytes: patched(58, le(UInt16(10))))
        }
        #expect(throws: ELFError.malformed("program header entry size 8 is below 56")) {
            try ELFFile(bytes: patched(54, le(UInt16(8))))
        }
        #expect(throws: ELFError.malformed("section name table index 99 is past the 10 sections")) {
            try ELFFile(bytes: patched(62, le(UInt16(99))))
        }
    }

    @Test func brokenSymbolTablesFailOnlyTheLookup() throws {
        let badLink = try ELFFile(bytes: patched(sectionField(TinyELF.symtabIndex, 40), le(UInt32(77))))
        #expect(throws: ELFError.self) { try badLink.symbols(named: ["_PyRuntime"]) }
        let badEntrySize = try ELFFile(bytes: patched(sectionField(TinyELF.symtabIndex, 56), le(UInt64(7))))
        #expect(throws: ELFError.self) { try badEntrySize.symbols(named: ["_PyRuntime"]) }
        let badOffset = try ELFFile(bytes: patched(sectionField(TinyELF.dynsymIndex, 24), le(UInt64(1 << 50))))
        #expect(throws: ELFError.self) { try badOffset.symbols { _ in true } }
        // A name offset past the string table skips that one symbol.
        var builder = TinyELF()
        builder.dynamicSymbols = []
        var image = builder.build()
        // "\0version.0\0version.1\0_PyRuntime\0Py_Version…": cut the table just before "Py_Version".
        image.bytes.replace(image.sectionHeaderOffset + 6 * 64 + 32, with: le(UInt64(32)))
        let shortStrings = try ELFFile(bytes: image.bytes)
        #expect(try shortStrings.symbols(named: ["Py_Version", "_PyRuntime"]).keys.sorted() == ["_PyRuntime"])
    }

    /// Every prefix of a valid image parses or throws; none traps.
    @Test func everyTruncationIsSafe() {
        for length in 0..<built.bytes.count {
            exercise(Array(built.bytes.prefix(length)))
        }
    }

    /// Random byte damage, reproducible from a fixed seed.
    @Test func randomCorruptionIsSafe() {
        var random = SplitMix64(seed: 0x5eed)
        for _ in 0..<3000 {
            var image = built.bytes
            for _ in 0..<(1 + random.next() % 6) {
                let index = Int(random.next() % UInt64(image.count))
                image[index] = UInt8(truncatingIfNeeded: random.next())
            }
            exercise(image)
        }
    }

    private func exercise(_ image: [UInt8]) {
        guard let elf = try? ELFFile(bytes: image) else { return }
        _ = elf.largestBSS
        _ = elf.section(named: ".data")
        _ = elf.loadBias(mappingStart: 0x7f00_0000_0000, mappingFileOffset: 0x200, pageSize: 0x100)
        _ = elf.loadSegment(containing: 0x1200)
        _ = try? elf.symbols(named: ["_PyRuntime", "Py_Version"])
        _ = try? elf.symbols { $0.hasPrefix("v") }
        for section in elf.sections { _ = try? elf.contents(of: section) }
    }
}

/// A tiny deterministic generator, so a failing corruption case can be replayed.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
