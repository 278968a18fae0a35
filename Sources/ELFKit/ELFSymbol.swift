/// What a symbol names (`ELF64_ST_TYPE(st_info)`).
package struct ELFSymbolType: RawRepresentable, Hashable, Sendable {
    package let rawValue: UInt8
    package init(rawValue: UInt8) { self.rawValue = rawValue }

    package static let none = ELFSymbolType(rawValue: 0)
    /// STT_OBJECT: a variable, such as `_PyRuntime` or `Py_Version`.
    package static let object = ELFSymbolType(rawValue: 1)
    package static let function = ELFSymbolType(rawValue: 2)
    package static let section = ELFSymbolType(rawValue: 3)
    package static let file = ELFSymbolType(rawValue: 4)
    package static let common = ELFSymbolType(rawValue: 5)
    package static let threadLocal = ELFSymbolType(rawValue: 6)
    package static let indirectFunction = ELFSymbolType(rawValue: 10)
}

/// A symbol's visibility to the linker (`ELF64_ST_BIND(st_info)`).
package struct ELFSymbolBinding: RawRepresentable, Hashable, Sendable {
    package let rawValue: UInt8
    package init(rawValue: UInt8) { self.rawValue = rawValue }

    /// STB_LOCAL: file-scope statics; several may share a name (`version` in more than one file).
    package static let local = ELFSymbolBinding(rawValue: 0)
    package static let global = ELFSymbolBinding(rawValue: 1)
    package static let weak = ELFSymbolBinding(rawValue: 2)
    package static let gnuUnique = ELFSymbolBinding(rawValue: 10)
}

/// Which symbol table an entry came from.
package enum ELFSymbolTable: Hashable, Sendable {
    /// `.symtab` (SHT_SYMTAB): everything, locals included; removed by `strip`.
    case full
    /// `.dynsym` (SHT_DYNSYM): the exported symbols the dynamic linker needs; survives `strip`.
    case dynamic
}

/// A defined symbol. `value` is the unbiased virtual address for ET_EXEC and ET_DYN files: add the load bias
/// to find it in a running process.
package struct ELFSymbol: Hashable, Sendable {
    static let entrySize = 24

    package let name: String
    package let value: UInt64
    package let size: UInt64
    package let type: ELFSymbolType
    package let binding: ELFSymbolBinding
    /// `st_shndx`: the section the symbol is defined in (never SHN_UNDEF here; may be SHN_ABS 0xfff1).
    package let sectionIndex: UInt16
    package let table: ELFSymbolTable

    package init(
        name: String, value: UInt64, size: UInt64, type: ELFSymbolType, binding: ELFSymbolBinding,
        sectionIndex: UInt16, table: ELFSymbolTable
    ) {
        self.name = name
        self.value = value
        self.size = size
        self.type = type
        self.binding = binding
        self.sectionIndex = sectionIndex
        self.table = table
    }
}
