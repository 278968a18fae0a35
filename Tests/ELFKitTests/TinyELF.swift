/// Builds small, valid ELF64 images byte by byte so tests can check the parser against known contents and then
/// damage them on purpose. The layout is fixed and documented here, so a test can patch a field by offset.
///
/// Sections: 0 null, 1 `.text`, 2 `.data`, 3 `.bss` (NOBITS, 0x80), 4 `.tbss` (NOBITS, 0x400, must not count as
/// `.bss`), 5 `.symtab` → 6 `.strtab`, 7 `.dynsym` → 8 `.dynstr`, 9 `.shstrtab`; the section header table
/// comes last. Two PT_LOADs: R+X at file 0 / vaddr 0, and RW at file 0x200 / vaddr 0x1200 (distinct with a
/// 256-byte page size, which the load-bias tests pass explicitly).
struct TinyELF {
    struct Symbol {
        var name: String
        var value: UInt64
        var size: UInt64
        var info: UInt8  // (binding << 4) | type
        var sectionIndex: UInt16
    }

    var fileType: UInt16 = 3
    var symbols: [Symbol] = [
        Symbol(name: "version.0", value: 0x1240, size: 16, info: 0x01, sectionIndex: 3),
        Symbol(name: "version.1", value: 0x1250, size: 16, info: 0x01, sectionIndex: 3),
        Symbol(name: "_PyRuntime", value: 0x1200, size: 0x40, info: 0x11, sectionIndex: 2),
        Symbol(name: "Py_Version", value: 0x150, size: 4, info: 0x11, sectionIndex: 1),
        Symbol(name: "imported_function", value: 0, size: 0, info: 0x12, sectionIndex: 0),
        Symbol(name: "dup", value: 1, size: 0, info: 0x02, sectionIndex: 1)
    ]
    var dynamicSymbols: [Symbol] = [
        Symbol(name: "Py_Version", value: 0x150, size: 4, info: 0x11, sectionIndex: 1),
        Symbol(name: "dup", value: 2, size: 0, info: 0x12, sectionIndex: 1),
        Symbol(name: "_PyRuntime", value: 0x1200, size: 0x40, info: 0x11, sectionIndex: 2)
    ]

    static let sectionCount = 10
    static let symtabIndex = 5
    static let dynsymIndex = 7

    /// The finished image and where its section header table starts.
    func build() -> (bytes: [UInt8], sectionHeaderOffset: Int) {
        var out = [UInt8](repeating: 0, count: 0x240)  // header, program headers, .text, .data
        let (symtab, strtab) = Self.symbolTable(symbols)
        let (dynsym, dynstr) = Self.symbolTable(dynamicSymbols)
        let names = ["", ".text", ".data", ".bss", ".tbss", ".symtab", ".strtab", ".dynsym", ".dynstr", ".shstrtab"]
        var shstrtab: [UInt8] = []
        var nameOffsets: [UInt32] = []
        for name in names {
            nameOffsets.append(UInt32(shstrtab.count))
            shstrtab += Array(name.utf8) + [0]
        }
        func place(_ data: [UInt8]) -> UInt64 {
            while out.count % 8 != 0 { out.append(0) }
            let offset = UInt64(out.count)
            out += data
            return offset
        }
        let symtabOffset = place(symtab), strtabOffset = place(strtab)
        let dynsymOffset = place(dynsym), dynstrOffset = place(dynstr)
        let shstrtabOffset = place(shstrtab)
        while out.count % 8 != 0 { out.append(0) }
        let sectionHeaderOffset = out.count

        // (type, flags, addr, offset, size, link, entsize)
        let headers: [(UInt32, UInt64, UInt64, UInt64, UInt64, UInt32, UInt64)] = [
            (0, 0, 0, 0, 0, 0, 0),
            (1, 6, 0x100, 0x100, 0x80, 0, 0),
            (1, 3, 0x1200, 0x200, 0x40, 0, 0),
            (8, 3, 0x1240, 0x240, 0x80, 0, 0),
            (8, 0x403, 0x1240, 0x240, 0x400, 0, 0),
            (2, 0, 0, symtabOffset, UInt64(symtab.count), 6, 24),
            (3, 0, 0, strtabOffset, UInt64(strtab.count), 0, 0),
            (11, 2, 0, dynsymOffset, UInt64(dynsym.count), 8, 24),
            (3, 2, 0, dynstrOffset, UInt64(dynstr.count), 0, 0),
            (3, 0, 0, shstrtabOffset, UInt64(shstrtab.count), 0, 0)
        ]
        for (index, header) in headers.enumerated() {
            var entry: [UInt8] = []
            entry += le(nameOffsets[index]) + le(header.0) + le(header.1) + le(header.2) + le(header.3)
            entry += le(header.4) + le(header.5) + le(UInt32(0)) + le(UInt64(8)) + le(header.6)
            out += entry
        }

        // ELF header.
        out.replace(0, with: [0x7f, 0x45, 0x4c, 0x46, 2, 1, 1])
        out.replace(16, with: le(fileType) + le(UInt16(62)) + le(UInt32(1)) + le(UInt64(0x100)))
        out.replace(32, with: le(UInt64(64)) + le(UInt64(sectionHeaderOffset)))
        out.replace(52, with: le(UInt16(64)) + le(UInt16(56)) + le(UInt16(2)) + le(UInt16(64)))
        out.replace(60, with: le(UInt16(Self.sectionCount)) + le(UInt16(9)))
        // Program headers: (type, flags, offset, vaddr, paddr, filesz, memsz, align).
        out.replace(
            64,
            with: le(UInt32(1)) + le(UInt32(5)) + le(UInt64(0)) + le(UInt64(0)) + le(UInt64(0))
                + le(UInt64(0x180)) + le(UInt64(0x180)) + le(UInt64(0x100)))
        out.replace(
            120,
            with: le(UInt32(1)) + le(UInt32(6)) + le(UInt64(0x200)) + le(UInt64(0x1200))
                + le(UInt64(0x1200)) + le(UInt64(0x40)) + le(UInt64(0xc0)) + le(UInt64(0x100)))
        return (out, sectionHeaderOffset)
    }

    private static func symbolTable(_ symbols: [Symbol]) -> (entries: [UInt8], strings: [UInt8]) {
        var entries = [UInt8](repeating: 0, count: 24)  // entry 0 is the null symbol
        var strings: [UInt8] = [0]
        for symbol in symbols {
            let nameOffset = UInt32(strings.count)
            strings += Array(symbol.name.utf8) + [0]
            entries += le(nameOffset) + [symbol.info, 0] + le(symbol.sectionIndex) + le(symbol.value) + le(symbol.size)
        }
        return (entries, strings)
    }
}

func le<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
    (0..<MemoryLayout<T>.size).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
}

extension Array where Element == UInt8 {
    mutating func replace(_ offset: Int, with bytes: [UInt8]) {
        replaceSubrange(offset..<offset + bytes.count, with: bytes)
    }
}
