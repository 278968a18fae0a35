/// Symbol look-up over `.symtab` and `.dynsym`. The tables are read when asked for (one `pread` for each
/// table and one for its string table) and scanned once per call; only defined symbols are returned.
extension ELFFile {
    /// The defined symbols whose names are in `names`, found in one pass over both tables.
    ///
    /// When a name is defined more than once, a global or weak definition beats a local one, and between
    /// equals the `.dynsym` entry wins (it is the one the dynamic linker resolves); otherwise the first one
    /// found is kept. Use `symbols(prefix:where:)` to see every duplicate.
    ///
    /// `.dynsym` is read first; when `enough` says its results suffice, the (usually much larger) `.symtab` is
    /// not read at all. A global `.dynsym` definition is never replaced by a `.symtab` one, so stopping early
    /// changes no answer for the names `enough` checks.
    package func symbols(named names: Set<String>, enough: ([String: ELFSymbol]) -> Bool = { _ in false })
        throws(ELFError) -> [String: ELFSymbol]
    {
        let wantedLengths = Set(names.map(\.utf8.count))
        var found: [String: ELFSymbol] = [:]
        try forEachDefinedSymbol(dynamicFirst: true, until: { enough(found) }) { strings, nameRange in
            guard wantedLengths.contains(nameRange.count) else { return nil }
            let name = String(decoding: strings[nameRange], as: UTF8.self)
            return names.contains(name) ? name : nil
        } body: { symbol in
            if let existing = found[symbol.name], !Self.shouldReplace(existing, with: symbol) { return }
            found[symbol.name] = symbol
        }
        return found
    }

    /// The defined symbol called `name`, by the same preference rules as `symbols(named:)`.
    package func symbol(named name: String) throws(ELFError) -> ELFSymbol? {
        try symbols(named: [name])[name]
    }

    /// Every defined symbol whose name satisfies `predicate`, `.symtab` entries first, duplicates kept
    /// (for example all local statics called `version.0`, or everything starting with `Py_GetVersion`).
    /// Only names starting with `prefix` are turned into strings and shown to `predicate`.
    package func symbols(prefix: String = "", where predicate: (String) -> Bool = { _ in true }) throws(ELFError)
        -> [ELFSymbol]
    {
        let prefixBytes = Array(prefix.utf8)
        var found: [ELFSymbol] = []
        try forEachDefinedSymbol { strings, nameRange in
            guard nameRange.count >= prefixBytes.count,
                strings[nameRange.lowerBound..<nameRange.lowerBound + prefixBytes.count].elementsEqual(prefixBytes)
            else { return nil }
            let name = String(decoding: strings[nameRange], as: UTF8.self)
            return predicate(name) ? name : nil
        } body: { symbol in
            found.append(symbol)
        }
        return found
    }

    private static func shouldReplace(_ existing: ELFSymbol, with candidate: ELFSymbol) -> Bool {
        let existingIsLocal = existing.binding == .local
        let candidateIsLocal = candidate.binding == .local
        if existingIsLocal != candidateIsLocal { return existingIsLocal }
        return existing.table == .full && candidate.table == .dynamic
    }

    /// Walks the defined symbols of `.symtab` then `.dynsym` (or the other way round), stopping before the
    /// second table when `until` says so. `accept` sees the raw name bytes first and returns the name to keep
    /// (or nil to skip), so uninteresting names never become Strings.
    private func forEachDefinedSymbol(
        dynamicFirst: Bool = false, until: () -> Bool = { false },
        accept: (UnsafeBufferPointer<UInt8>, Range<Int>) -> String?, body: (ELFSymbol) -> Void
    ) throws(ELFError) {
        var tables: [(ELFSectionType, ELFSymbolTable)] = [(.symbolTable, .full), (.dynamicSymbolTable, .dynamic)]
        if dynamicFirst { tables.reverse() }
        for (position, (sectionType, table)) in tables.enumerated() {
            if position > 0, until() { return }
            for section in sections where section.type == sectionType && section.size > 0 {
                let (entries, strings) = try symbolTableBytes(section)
                // Over raw buffers: a libpython has thousands of symbols, and per-entry array records cost a
                // retain and release each.
                entries.withUnsafeBytes { raw in
                    strings.bytes.withUnsafeBufferPointer { names in
                        for index in 0..<entries.count / ELFSymbol.entrySize {
                            let base = index * ELFSymbol.entrySize
                            func field<T: FixedWidthInteger>(_ offset: Int, _: T.Type) -> T {
                                T(littleEndian: raw.loadUnaligned(fromByteOffset: base + offset, as: T.self))
                            }
                            let sectionIndex = field(6, UInt16.self)
                            guard sectionIndex != 0 else { continue }  // SHN_UNDEF: an import, not a definition
                            guard let nameRange = StringTable.range(in: names, at: field(0, UInt32.self)),
                                !nameRange.isEmpty, let name = accept(names, nameRange)
                            else { continue }
                            let info = field(4, UInt8.self)
                            body(
                                ELFSymbol(
                                    name: name, value: field(8, UInt64.self), size: field(16, UInt64.self),
                                    type: ELFSymbolType(rawValue: info & 0xf),
                                    binding: ELFSymbolBinding(rawValue: info >> 4), sectionIndex: sectionIndex,
                                    table: table))
                        }
                    }
                }
            }
        }
    }

    /// The entries of one symbol table and the string table its `sh_link` names, read in full.
    private func symbolTableBytes(_ section: ELFSection) throws(ELFError) -> (entries: [UInt8], strings: StringTable) {
        let entrySize = section.entrySize == 0 ? UInt64(ELFSymbol.entrySize) : section.entrySize
        guard entrySize == UInt64(ELFSymbol.entrySize) else {
            throw .malformed("symbol table \(section.name) has entry size \(section.entrySize), expected 24")
        }
        guard Int(section.link) < sections.count, section.link != 0 else {
            throw .malformed("symbol table \(section.name) links to section \(section.link), which does not exist")
        }
        let stringSection = sections[Int(section.link)]
        guard stringSection.type == .stringTable else {
            throw .malformed("symbol table \(section.name) links to \(stringSection.name), which is not a string table")
        }
        let entries = try contents(of: section)
        let strings = try contents(of: stringSection)
        return (entries, StringTable(strings))
    }
}
