import CPythonLayouts
import ProcessAccess

/// The variables of a code object as `dump --locals` lists them, in CPython's own order (arguments, the other
/// locals, cell variables, free variables: what `co_varnames + co_cellvars + co_freevars` name, without
/// repeating an argument that is also a cell), each with its word in the frame's `localsplus` array. Decoded
/// once per code object and cached with its `CodeInfo`.
///
/// - 2.7–3.10: `f_localsplus` holds `co_nlocals` locals (named by `co_varnames`), then one cell per
///   `co_cellvars` name, then one per `co_freevars` name (Objects/frameobject.c). An argument that a closure
///   captures lives in its cell: 3.x empties the argument's own slot (`co_cell2arg`), 2.7 keeps a copy that
///   goes stale when the function assigns it; so the cell is read, at the argument's place in the order.
/// - 3.11+: `localsplus` is named by `co_localsplusnames`, and `co_localspluskinds` marks cells
///   (`CO_FAST_CELL`, arguments included) and free variables (`CO_FAST_FREE`) (Include/internal/
///   pycore_code.h); `MAKE_CELL` and `COPY_FREE_VARS` put the cells in place in the frame's prologue.
///
/// Arguments are all the parameters: positional (positional-only included), keyword-only, then `*args` and
/// `**kwargs` when `co_flags` has `CO_VARARGS` / `CO_VARKEYWORDS`; CPython always names them first. (py-spy
/// counts only `co_argcount`, listing keyword-only arguments, `*args` and `**kwargs` as locals.)
struct CodeLocals: Sendable, Equatable {
    struct Variable: Sendable, Equatable {
        var name: String
        /// Index of the variable's word in `localsplus`.
        var slot: Int
        var isArgument: Bool
        /// The word holds a cell (`PyCellObject`) whose `ob_ref` is the value.
        var isCell: Bool
    }

    var variables: [Variable]
    /// How many words of `localsplus` the variables use.
    var slotCount: Int

    /// Most variables read from one code object (a code object holds at most a few thousand in practice).
    static var maxSlots: Int { 1 << 14 }

    // `co_flags` bits (Include/cpython/code.h) and `co_localspluskinds` bits (Include/internal/pycore_code.h).
    static let varargsFlag: Int32 = 0x4
    static let varkeywordsFlag: Int32 = 0x8
    static let cellKind: UInt8 = 0x40
    static let freeKind: UInt8 = 0x80

    /// How many variables, from the first, are parameters.
    static func argumentCount(argcount: Int32, kwonlyargcount: Int32, flags: Int32) -> Int {
        let named = Int(max(0, argcount)) + Int(max(0, kwonlyargcount))
        return named + (flags & varargsFlag != 0 ? 1 : 0) + (flags & varkeywordsFlag != 0 ? 1 : 0)
    }

    /// Reads the variable names and kinds of `code`.
    static func read<Memory: MemorySource>(code: RemoteAddress, objects: ObjectReader<Memory>)
        throws(MemoryReadError) -> CodeLocals
    {
        let layout = objects.layout
        let header = try RemoteBlock(from: objects.memory, at: code, count: layout.codeSize)
        func int32(_ offset: Int?) -> Int32 { offset.flatMap { header.integer(at: $0, as: Int32.self) } ?? 0 }
        let arguments = argumentCount(
            argcount: int32(layout.codeArgcount),
            kwonlyargcount: int32(layout.codeKwonlyargcount), flags: int32(layout.codeFlags))
        let names = try nameTuple(header.pointer(at: layout.codeVarnames) ?? .null, objects)
        if let kindsOffset = layout.codeLocalsplusKinds {
            let kinds = try objects.bytes(at: header.pointer(at: kindsOffset) ?? .null)
            let count = min(names.count, kinds.count)
            let variables = (0..<count).map { index in
                Variable(
                    name: names[index], slot: index, isArgument: index < arguments,
                    isCell: kinds[index] & (cellKind | freeKind) != 0)
            }
            return CodeLocals(variables: variables, slotCount: count)
        }
        let nlocals = Int(min(max(0, int32(layout.codeNlocals)), Int32(maxSlots)))
        var cells: [String] = []
        var frees: [String] = []
        if let cellsOffset = layout.codeCellvars, let freesOffset = layout.codeFreevars {
            cells = try nameTuple(header.pointer(at: cellsOffset) ?? .null, objects)
            frees = try nameTuple(header.pointer(at: freesOffset) ?? .null, objects)
        }
        return frameObjectLocals(
            names: Array(names.prefix(nlocals)), nlocals: nlocals, cells: cells, frees: frees,
            arguments: arguments)
    }

    /// The ≤ 3.10 order: locals (an argument held in a cell is read from the cell), the remaining cells, then
    /// the free variables.
    static func frameObjectLocals(names: [String], nlocals: Int, cells: [String], frees: [String], arguments: Int)
        -> CodeLocals
    {
        var variables: [Variable] = []
        var cellsShown = Set<Int>()
        for (index, name) in names.enumerated() {
            let isArgument = index < arguments
            if isArgument, let cell = cells.firstIndex(of: name) {
                cellsShown.insert(cell)
                variables.append(Variable(name: name, slot: nlocals + cell, isArgument: true, isCell: true))
            } else {
                variables.append(Variable(name: name, slot: index, isArgument: isArgument, isCell: false))
            }
        }
        for (index, name) in cells.enumerated() where !cellsShown.contains(index) {
            variables.append(Variable(name: name, slot: nlocals + index, isArgument: false, isCell: true))
        }
        for (index, name) in frees.enumerated() {
            variables.append(Variable(name: name, slot: nlocals + cells.count + index, isArgument: false, isCell: true))
        }
        return CodeLocals(variables: variables, slotCount: nlocals + cells.count + frees.count)
    }

    /// A tuple of names (`co_varnames`, `co_cellvars`, …), bounded by `maxSlots`.
    private static func nameTuple<Memory: MemorySource>(_ tuple: RemoteAddress, _ objects: ObjectReader<Memory>)
        throws(MemoryReadError) -> [String]
    {
        guard !tuple.isNull else { return [] }
        let layout = objects.layout
        let size = try objects.memory.readInteger(tuple + layout.varObjectSize, as: Int64.self)
        guard size >= 0, size <= Int64(maxSlots) else {
            throw .implausibleSize(what: "name tuple", size: Int(clamping: size))
        }
        let items = try RemoteBlock(from: objects.memory, at: tuple + layout.tupleItems, count: Int(size) * 8)
        var names: [String] = []
        names.reserveCapacity(Int(size))
        for index in 0..<Int(size) {
            names.append(try objects.string(at: items.pointer(at: index * 8) ?? .null))
        }
        return names
    }
}
