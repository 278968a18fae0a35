import CPythonLayouts
import ProcessAccess
import ProfileModel

/// Reads the arguments and local variables of frames for `dump --locals`: the variable list of the frame's
/// code object (`CodeLocals`, cached per code object), one read of the frame's `localsplus` words, then each
/// value shown by a `ValueFormatter`.
///
/// Unbound variables (a NULL word, or an empty cell) are left out, as CPython's `frame.f_locals` leaves them
/// out. A value that cannot be read is kept with a nil `repr` (printed `?`); nothing here fails the dump.
/// Made once per sample: its formatter caches type names for that sample only.
final class LocalsReader<Memory: MemorySource> {
    let formatter: ValueFormatter<Memory>
    let chain: FrameChain
    /// py-spy's `max_length`: 128 characters per `-l`.
    let budget: Int

    var objects: ObjectReader<Memory> { formatter.objects }
    var layout: PythonLayout { objects.layout }

    /// `count` is the number of `-l` flags given (1 or more).
    init(objects: ObjectReader<Memory>, dicts: DictReader<Memory>, chain: FrameChain, count: Int) {
        formatter = ValueFormatter(objects: objects, dicts: dicts)
        self.chain = chain
        budget = 128 * min(max(count, 1), 1024)
    }

    /// The variables of the frame at `frame` running `code` (whose decoded `info` the walker already has),
    /// arguments first; empty when the frame's variable list or its `localsplus` cannot be read.
    func variables(frame: RemoteAddress, code: RemoteAddress, info: CodeInfo, codes: CodeObjectCache<Memory>)
        -> [LocalVariable]
    {
        let objects = self.objects
        let localsOffset =
            chain.kind == .frameObjects
            ? layout.frameObjectLocalsplus : layout.interpreterFrameLocalsplus
        guard let localsOffset,
            let names = try? codes.locals(
                of: code, info: info,
                decode: { code throws(MemoryReadError) in
                    try CodeLocals.read(code: code, objects: objects)
                }),
            names.slotCount > 0,
            let words = try? RemoteBlock(
                from: objects.memory, at: frame + localsOffset,
                count: min(names.slotCount, CodeLocals.maxSlots) * 8)
        else { return [] }
        return names.variables.compactMap { variable in
            words.pointer(at: variable.slot * 8).flatMap { value(of: variable, word: $0.rawValue) }
        }
    }

    /// One variable from its `localsplus` word, or nil when it is unbound.
    private func value(of variable: CodeLocals.Variable, word: UInt64) -> LocalVariable? {
        func local(_ address: UInt64, _ repr: String?) -> LocalVariable {
            LocalVariable(name: variable.name, address: address, isArgument: variable.isArgument, repr: repr)
        }
        var bits = word
        if chain.taggedPointerMask != ~0 {
            // 3.14+: a `_PyStackRef`. Tagged small ints (low bits 11) carry their value; other tags are masked
            // off the pointer, and the NULL reference becomes 0 (Include/internal/pycore_stackref.h).
            if bits & 3 == 3 { return local(bits, String(Int64(bitPattern: bits) >> 2)) }
            bits &= chain.taggedPointerMask
        }
        guard bits != 0 else { return nil }
        var object = RemoteAddress(bits)
        if variable.isCell {
            // Check it really is a cell: early in a 3.11+ frame's prologue the word still holds the raw value.
            guard let type = try? formatter.typeInfo(of: object) else { return local(bits, nil) }
            if type.name == "cell", type.kind == .other, let refOffset = layout.cellObjectRef {
                guard let contents = try? objects.memory.readPointer(object + refOffset) else {
                    return local(bits, nil)
                }
                guard !contents.isNull else { return nil }
                object = contents
            }
        }
        return local(object.rawValue, formatter.format(object, budget: budget))
    }
}
