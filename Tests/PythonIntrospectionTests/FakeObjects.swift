import CPythonLayouts
import ProcessAccess
@testable import PythonIntrospection

/// Python values in fake memory, laid out as each version's layout table says, for the `dump --locals` tests:
/// named types, ints of any size, floats, bools, None, tuples, lists, dicts (2.7, 3.6–3.10 and 3.11+ schemes),
/// sets, cells, instances, and code objects and frames with variables.
extension FakeInterpreter {
    /// The types a value needs, with their `tp_name` and flags. Built once by `withValueTypes()`.
    struct ValueTypes {
        var int: RemoteAddress
        var long: RemoteAddress
        var bool: RemoteAddress
        var float: RemoteAddress
        var tuple: RemoteAddress
        var list: RemoteAddress
        var dict: RemoteAddress
        var set: RemoteAddress
        var frozenset: RemoteAddress
        var cell: RemoteAddress
        var unicode: RemoteAddress
        var custom: RemoteAddress
        var none: RemoteAddress
    }

    var isPython2: Bool { version.major == 2 }

    /// A type named `name` (a C string behind `tp_name`) with `flags`.
    mutating func makeType(named name: String, flags: UInt64) -> RemoteAddress {
        let type = makeType(flags: flags)
        nameType(type, name)
        return type
    }

    /// Gives an existing type a `tp_name`.
    mutating func nameType(_ type: RemoteAddress, _ name: String) {
        let text = allocate(name.utf8.count + 32)  // zero padding: the NUL and room for 32-byte chunked reads
        writeBytes(Array(name.utf8), at: text)
        set(text, at: type, layout.typeName)
    }

    /// Names the builder's own types and makes the value types.
    mutating func withValueTypes() -> ValueTypes {
        nameType(stringType, "str")
        nameType(bytesType, isPython2 ? "str" : "bytes")
        nameType(codeType, "code")
        nameType(noneType, "NoneType")
        let long: UInt64 = 1 << 24
        return ValueTypes(
            int: makeType(named: "int", flags: isPython2 ? 1 << 23 : long),
            long: makeType(named: isPython2 ? "long" : "int", flags: long),
            bool: makeType(named: "bool", flags: isPython2 ? 1 << 23 : long),
            float: makeType(named: "float", flags: 0),
            tuple: makeType(named: "tuple", flags: 1 << 26),
            list: makeType(named: "list", flags: 1 << 25),
            dict: makeType(named: "dict", flags: 1 << 29),
            set: makeType(named: "set", flags: 0),
            frozenset: makeType(named: "frozenset", flags: 0),
            cell: makeType(named: "cell", flags: 0),
            unicode: makeType(named: "unicode", flags: 1 << 28),
            custom: makeType(named: "Custom", flags: 0),
            none: noneType)
    }

    /// An object of `type` with `size` bytes after its header.
    mutating func makeObject(_ type: RemoteAddress, size: Int) -> RemoteAddress {
        let object = allocate(max(size, 16))
        set(type, at: object, layout.objectType)
        return object
    }

    mutating func makeNone(_ types: ValueTypes) -> RemoteAddress { makeObject(types.none, size: 16) }

    mutating func makeBool(_ value: Bool, _ types: ValueTypes) -> RemoteAddress {
        if isPython2 {
            let object = makeObject(types.bool, size: 24)
            set(Int64(value ? 1 : 0), at: object, layout.intValue ?? 16)
            return object
        }
        return makeLong(digits: value ? [1] : [], negative: false, type: types.bool)
    }

    /// An int: a Python 2 `int` when it fits one, else a `PyLongObject` of 30-bit digits.
    mutating func makeInt(_ value: Int64, _ types: ValueTypes) -> RemoteAddress {
        if isPython2 {
            let object = makeObject(types.int, size: 24)
            set(value, at: object, layout.intValue ?? 16)
            return object
        }
        var magnitude = value.magnitude
        var digits: [UInt32] = []
        while magnitude > 0 {
            digits.append(UInt32(magnitude & 0x3FFF_FFFF))
            magnitude >>= 30
        }
        return makeLong(digits: digits, negative: value < 0, type: types.long)
    }

    /// A `PyLongObject` with the given 30-bit digits (least significant first).
    mutating func makeLong(digits: [UInt32], negative: Bool, type: RemoteAddress) -> RemoteAddress {
        let digitsOffset = layout.longDigits ?? 24
        let object = makeObject(type, size: digitsOffset + max(1, digits.count) * 4)
        if let tag = layout.longTag {
            let sign: UInt64 = digits.isEmpty ? 1 : negative ? 2 : 0
            set(UInt64(digits.count) << 3 | sign, at: object, tag)
        } else {
            set(Int64(digits.count) * (negative ? -1 : 1), at: object, layout.varObjectSize)
        }
        for (index, digit) in digits.enumerated() { set(digit, at: object, digitsOffset + index * 4) }
        return object
    }

    mutating func makeFloat(_ value: Double, _ types: ValueTypes) -> RemoteAddress {
        let object = makeObject(types.float, size: layout.floatValue + 8)
        set(value.bitPattern, at: object, layout.floatValue)
        return object
    }

    /// Python 2 `unicode` (UCS-4 `Py_UNICODE`s behind a pointer).
    mutating func makePython2Unicode(_ text: String, _ types: ValueTypes) -> RemoteAddress {
        let scalars = Array(text.unicodeScalars)
        let data = allocate(scalars.count * 4 + 4)
        for (index, scalar) in scalars.enumerated() { set(scalar.value, at: data, index * 4) }
        let object = makeObject(types.unicode, size: 48)
        set(Int64(scalars.count), at: object, layout.varObjectSize)
        set(data, at: object, layout.varObjectSize + 8)
        return object
    }

    mutating func makeTuple(_ items: [RemoteAddress], _ types: ValueTypes) -> RemoteAddress {
        let object = makeObject(types.tuple, size: layout.tupleItems + items.count * 8)
        set(Int64(items.count), at: object, layout.varObjectSize)
        for (index, item) in items.enumerated() { set(item, at: object, layout.tupleItems + index * 8) }
        return object
    }

    mutating func makeList(_ items: [RemoteAddress], _ types: ValueTypes) -> RemoteAddress {
        let array = allocate(max(8, items.count * 8))
        for (index, item) in items.enumerated() { set(item, at: array, index * 8) }
        let object = makeObject(types.list, size: layout.listItems + 16)
        set(Int64(items.count), at: object, layout.varObjectSize)
        set(array, at: object, layout.listItems)
        return object
    }

    /// A dict in this version's scheme (entries in order; nil values are deleted entries). Returns the dict and
    /// its keys object (3.x) or table (2.7).
    @discardableResult
    mutating func makeDict(
        _ entries: [(key: RemoteAddress, value: RemoteAddress?)], _ types: ValueTypes,
        unicodeKeys: Bool = false
    ) -> (dict: RemoteAddress, keys: RemoteAddress) {
        let dict = makeObject(types.dict, size: 64)
        set(Int64(entries.filter { $0.value != nil }.count), at: dict, layout.dictUsed)
        if let maskOffset = layout.dictMask, let tableOffset = layout.dictTable {
            // 2.7: an open-addressing table; entries go in slot order with an empty slot after each.
            var slots = 8
            while slots < entries.count * 2 { slots *= 2 }
            let table = allocate(slots * 24)
            for (index, entry) in entries.enumerated() {
                set(entry.key, at: table, index * 2 * 24 + 8)
                set(entry.value ?? .null, at: table, index * 2 * 24 + 16)
            }
            set(Int64(slots - 1), at: dict, maskOffset)
            set(table, at: dict, tableOffset)
            return (dict, table)
        }
        let indices = layout.dictKeysIndices ?? 32
        let general = !unicodeKeys || layout.dictKeysKind == nil
        let entrySize = general ? 24 : 16
        let keys = allocate(indices + 8 + entries.count * entrySize)
        let entriesStart: Int
        if let log2IndexBytes = layout.dictKeysLog2IndexBytes, let kind = layout.dictKeysKind {
            set(UInt8(3), at: keys, layout.dictKeysLog2Size ?? 8)
            set(UInt8(3), at: keys, log2IndexBytes)  // 8 one-byte indices
            set(UInt8(general ? 0 : 1), at: keys, kind)
            entriesStart = indices + 8
        } else {
            set(Int64(8), at: keys, layout.dictKeysSize ?? 8)
            entriesStart = indices + 8
        }
        set(Int64(entries.count), at: keys, layout.dictKeysNentries ?? 24)
        for (index, entry) in entries.enumerated() {
            let base = entriesStart + index * entrySize + (general ? 8 : 0)
            set(entry.key, at: keys, base)
            set(entry.value ?? .null, at: keys, base + 8)
        }
        set(keys, at: dict, layout.dictKeys ?? 32)
        return (dict, keys)
    }

    /// A set (or frozenset) whose table holds `keys` in slot order, with `deleted` dummy entries after them.
    mutating func makeSet(_ keys: [RemoteAddress], frozen: Bool = false, deleted: Int = 0, _ types: ValueTypes)
        -> RemoteAddress
    {
        let entrySize = layout.setEntrySize ?? 16
        var slots = 8
        while slots < (keys.count + deleted) * 2 { slots *= 2 }
        let table = allocate(slots * entrySize)
        for (index, key) in keys.enumerated() {
            set(key, at: table, index * entrySize + (layout.setEntryKey ?? 0))
            set(Int64(index + 1), at: table, index * entrySize + (layout.setEntryHash ?? 8))
        }
        let dummy = makeString("<dummy key>")
        for index in keys.count..<(keys.count + deleted) {
            set(dummy, at: table, index * entrySize + (layout.setEntryKey ?? 0))
            // 3.x marks deleted entries with hash −1; 2.7 leaves the old hash.
            set(Int64(isPython2 ? 7 : -1), at: table, index * entrySize + (layout.setEntryHash ?? 8))
        }
        let object = makeObject(frozen ? types.frozenset : types.set, size: 200)
        set(Int64(keys.count), at: object, layout.setUsed ?? 24)
        set(Int64(slots - 1), at: object, layout.setMask ?? 32)
        set(table, at: object, layout.setTable ?? 40)
        return object
    }

    /// A cell holding `value` (NULL: an empty cell).
    mutating func makeCell(_ value: RemoteAddress, _ types: ValueTypes) -> RemoteAddress {
        let cell = makeObject(types.cell, size: 24)
        set(value, at: cell, layout.cellObjectRef ?? 16)
        return cell
    }

    /// A tuple of `str` names.
    mutating func makeNames(_ names: [String], _ types: ValueTypes) -> RemoteAddress {
        makeTuple(names.map { makeString($0) }, types)
    }

    /// The variables of a function, in the roles CPython distinguishes.
    struct VariableSpec {
        /// Parameters (`co_argcount` of them, unless `varargs`/`keywordOnly` say otherwise).
        var arguments: [String] = []
        /// Of the parameters, how many are keyword-only (after the positional ones).
        var keywordOnly = 0
        /// The last parameter(s) are `*args` / `**kwargs`.
        var varargs = false
        var varkeywords = false
        /// Parameters captured by a closure (their values live in cells).
        var argumentCells: Set<String> = []
        var locals: [String] = []
        /// Non-parameter cell variables.
        var cells: [String] = []
        var frees: [String] = []
    }

    /// A code object with these variables, in this version's representation.
    mutating func makeCode(name: String, variables spec: VariableSpec, _ types: ValueTypes) -> RemoteAddress {
        let code = makeCode(name: name, filename: "/app/locals.py", firstLine: 1)
        let positional = spec.arguments.count - spec.keywordOnly - (spec.varargs ? 1 : 0) - (spec.varkeywords ? 1 : 0)
        set(Int32(positional), at: code, layout.codeArgcount)
        if let kwonly = layout.codeKwonlyargcount { set(Int32(spec.keywordOnly), at: code, kwonly) }
        let flags = Int32(3) | (spec.varargs ? 4 : 0) | (spec.varkeywords ? 8 : 0)
        if let offset = layout.codeFlags { set(flags, at: code, offset) }
        if let kindsOffset = layout.codeLocalsplusKinds {
            let names = spec.arguments + spec.locals + spec.cells + spec.frees
            var kinds = spec.arguments.map { spec.argumentCells.contains($0) ? UInt8(0x60) : 0x20 }
            kinds += spec.locals.map { _ in UInt8(0x20) } + spec.cells.map { _ in UInt8(0x40) }
            kinds += spec.frees.map { _ in UInt8(0x80) }
            set(makeNames(names, types), at: code, layout.codeVarnames)
            set(makeBytes(kinds), at: code, kindsOffset)
            set(Int32(spec.arguments.count + spec.locals.count), at: code, layout.codeNlocals)
        } else {
            let varnames = spec.arguments + spec.locals
            set(makeNames(varnames, types), at: code, layout.codeVarnames)
            set(Int32(varnames.count), at: code, layout.codeNlocals)
            let cellvars = spec.arguments.filter { spec.argumentCells.contains($0) } + spec.cells
            set(makeNames(cellvars, types), at: code, layout.codeCellvars ?? 0)
            set(makeNames(spec.frees, types), at: code, layout.codeFreevars ?? 0)
        }
        return code
    }

    /// The `localsplus` words of a frame of such a code object: `values[name]` for each variable (absent:
    /// unbound), cells made for cell and free variables (an absent cell variable gets an empty cell).
    mutating func localsplusWords(_ spec: VariableSpec, values: [String: RemoteAddress], _ types: ValueTypes)
        -> [UInt64]
    {
        func word(_ name: String) -> UInt64 { values[name]?.rawValue ?? 0 }
        func cellWord(_ name: String) -> UInt64 { makeCell(values[name] ?? .null, types).rawValue }
        if layout.codeLocalsplusKinds != nil {
            return spec.arguments.map { spec.argumentCells.contains($0) ? cellWord($0) : word($0) }
                + spec.locals.map(word) + spec.cells.map(cellWord) + spec.frees.map(cellWord)
        }
        // ≤ 3.10: an argument held in a cell has an empty slot (2.7: a stale copy) and its value in the cell.
        let stale = makeString("stale")
        let arguments = spec.arguments.map { name in
            spec.argumentCells.contains(name) ? (isPython2 ? stale.rawValue : 0) : word(name)
        }
        let cells = spec.arguments.filter { spec.argumentCells.contains($0) } + spec.cells
        return arguments + spec.locals.map(word) + cells.map(cellWord) + spec.frees.map(cellWord)
    }

    /// Writes `words` as the `localsplus` of the innermost frame of the thread `state`, in a region of their
    /// own. `addThread` allocates nothing after that frame but 3.11–3.12's `_PyCFrame`, which these words may
    /// overlap: it is moved out of their way.
    mutating func writeLocalsplus(_ words: [UInt64], thread state: RemoteAddress) throws {
        let frame = try innermostFrame(of: state)
        let offset = layout.interpreterFrameLocalsplus ?? layout.frameObjectLocalsplus ?? 0
        memory.write(
            words.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } },
            at: frame + offset)
        if let cframeOffset = layout.threadStateCframe, let current = layout.cframeCurrentFrame {
            _ = allocate(words.count * 8)
            let cframe = allocate(64)
            set(frame, at: cframe, current)
            set(cframe, at: state, cframeOffset)
        }
    }

    /// The innermost frame of a thread made by `addThread`.
    func innermostFrame(of state: RemoteAddress) throws -> RemoteAddress {
        if let offset = layout.threadStateFrame, layout.interpreterFrameCode == nil {
            return try memory.readPointer(state + offset)
        }
        if let cframe = layout.threadStateCframe, let current = layout.cframeCurrentFrame {
            return try memory.readPointer(try memory.readPointer(state + cframe) + current)
        }
        return try memory.readPointer(state + (layout.threadStateCurrentFrame ?? 0))
    }
}
