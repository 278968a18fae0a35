import CPythonLayouts
import ProcessAccess

/// Shows an object of the target as a short line of text, the way `dump --locals` prints a variable: `1`,
/// `+bigint`, `3`, `True`, `None`, `"héllo"`, `b"\x00"`, `(1,)`, `[1, "two"]`, `{"k": (1, 2)}`, `{1, 2}`,
/// `<Custom at 0x7f…>`.
///
/// The rules are py-spy's `format_variable` (reference §6.5), with deviations where py-spy loses information:
/// - `int` in decimal when it fits the budget, else `+bigint` / `-bigint` (py-spy's marker for every int over
///   60 bits); `bool` as `True` / `False`; `None`; `float` as Rust's `Display` (`3.0` → `3`);
/// - `str` in double quotes, escaping `\`, `"`, newlines, tabs and control characters, cut as `"abc..."`
///   (py-spy escapes only newlines and quotes); Python 2 `str` the same, decoded from UTF-8;
/// - `bytes` as `b"…"`, sets as `{1, 2}` / `set()`, frozensets as `frozenset({1})` (py-spy: `<bytes at 0x…>`
///   and so on); tuples, lists and dicts (subclasses included) as py-spy, but a 1-tuple as `(1,)`;
/// - anything else `<tp_name at 0xADDRESS>`; any value whose budget is 5 characters or less, `...`.
///
/// Everything read here is untrusted: a corrupt length, a cycle, deep nesting or a huge container must end in
/// a short, truncated value. So:
/// - every value has a **budget** of characters (py-spy's `max_length`, 128 × the `-l` count) that its text
///   never exceeds; containers share theirs among their elements and end with `...` when it runs out;
/// - only what can be shown is read: a string's first `budget` characters, a container's first
///   `budget / 3 + 2` elements (each shown element costs at least three characters), scanning at most
///   `8 × that + 64` hash-table slots;
/// - recursion stops at `maxDepth`, at a container already being shown (`[[...]]`, as Python prints it), after
///   `maxObjects` objects and after `maxBytes` bytes read for one variable.
///
/// One formatter serves one sample: it caches type names and kinds by type address.
final class ValueFormatter<Memory: MemorySource> {
    let objects: ObjectReader<Memory>
    let dicts: DictReader<Memory>
    private var types: [RemoteAddress: TypeInfo] = [:]

    static var maxDepth: Int { 32 }
    static var maxObjects: Int { 4096 }
    static var maxBytes: Int { 1 << 20 }
    /// Longest type name copied, as py-spy.
    static var maxTypeName: Int { 128 }

    var memory: Memory { objects.memory }
    var layout: PythonLayout { objects.layout }

    init(objects: ObjectReader<Memory>, dicts: DictReader<Memory>) {
        self.objects = objects
        self.dicts = dicts
    }

    /// The text of `object` within `budget` characters, or nil when the object itself cannot be read (its
    /// parts that cannot be read show as `?`).
    func format(_ object: RemoteAddress, budget: Int) -> String? {
        var walk = Walk()
        return try? repr(object, budget: budget, &walk)
    }

    /// The name and kind of `object`'s type, cached by type address for this sample.
    func typeInfo(of object: RemoteAddress) throws(MemoryReadError) -> TypeInfo {
        let type = try objects.typeOf(object)
        if let known = types[type] { return known }
        let flags = try objects.typeFlags(type)
        let name = try memory.cString(at: try memory.readPointer(type + layout.typeName), limit: Self.maxTypeName)
        let info = TypeInfo(name: name, kind: ValueKind(flags: flags, name: name, isPython2: objects.isPython2))
        if types.count >= 4096 { types.removeAll(keepingCapacity: true) }
        types[type] = info
        return info
    }

    /// What one variable's formatting has used so far.
    struct Walk {
        /// Containers being shown, outermost first.
        var ancestors: [RemoteAddress] = []
        var objects = 0
        var bytes = 0
    }

    func repr(_ object: RemoteAddress, budget: Int, _ walk: inout Walk) throws(MemoryReadError) -> String {
        guard !ReprText.isExhausted(budget), !Self.isSpent(walk), walk.ancestors.count < Self.maxDepth else {
            return ReprText.elided
        }
        walk.objects += 1
        let type = try typeInfo(of: object)
        if let marker = type.kind.recursionMarker, walk.ancestors.contains(object) {
            return ReprText.atom(marker, budget: budget)
        }
        switch type.kind {
        case .python2Int:
            let value = try memory.readInteger(object + (layout.intValue ?? layout.varObjectSize), as: Int64.self)
            return integerText(String(value), negative: value < 0, budget: budget)
        case .python2Bool:
            let value = try memory.readInteger(object + (layout.intValue ?? layout.varObjectSize), as: Int64.self)
            return value != 0 ? "True" : "False"
        case .bool:
            return try longHeader(object).digitCount != 0 ? "True" : "False"
        case .int:
            return try long(object, budget: budget, &walk)
        case .float:
            let bits = try memory.readInteger(object + layout.floatValue, as: UInt64.self)
            return ReprText.float(Double(bitPattern: bits), budget: budget)
        case .none:
            return "None"
        case .str:
            return try string(object, budget: budget, &walk)
        case .python2Str:
            return try python2String(object, budget: budget, &walk)
        case .bytes:
            return try bytes(object, budget: budget, &walk)
        case .tuple, .list:
            return try sequence(object, kind: type.kind, budget: budget, &walk)
        case .dict:
            return try dict(object, budget: budget, &walk)
        case .set, .frozenset:
            return try set(object, kind: type.kind, budget: budget, &walk)
        case .other:
            return ReprText.atom("<\(type.name) at 0x\(String(object.rawValue, radix: 16))>", budget: budget)
        }
    }

    /// An element of a container: its text, or `?` when it cannot be read.
    func element(_ object: RemoteAddress, budget: Int, _ walk: inout Walk) -> String {
        (try? repr(object, budget: budget, &walk)) ?? "?"
    }

    /// Accounts for `count` bytes about to be read. Each read is bounded on its own (by the budget); once the
    /// variable's allowance is spent, no further object is read (`repr`) and containers stop gathering.
    func charge(_ count: Int, _ walk: inout Walk) {
        walk.bytes += count
    }

    /// True once the variable's object or byte allowance is spent.
    static func isSpent(_ walk: Walk) -> Bool { walk.objects >= maxObjects || walk.bytes >= maxBytes }

    /// How many elements of a container with this budget could ever be shown (each after the first costs at
    /// least `, x`), plus one to know whether more follow.
    static func elementLimit(budget: Int) -> Int { budget / 3 + 2 }

    // MARK: Numbers

    /// Sign and digit count of a `PyLongObject`: `lv_tag` on 3.12+ (count << 3 | sign, 2 meaning negative;
    /// Include/cpython/longintrepr.h), the signed `ob_size` before.
    func longHeader(_ object: RemoteAddress) throws(MemoryReadError) -> (digitCount: Int, negative: Bool) {
        if let tagOffset = layout.longTag {
            let tag = try memory.readInteger(object + tagOffset, as: UInt64.self)
            return (Int(clamping: tag >> 3), tag & 3 == 2)
        }
        let size = try memory.readInteger(object + layout.varObjectSize, as: Int64.self)
        return (Int(clamping: size.magnitude), size < 0)
    }

    /// An `int` in decimal when it fits the budget, else `+bigint` / `-bigint` as py-spy shows every int over
    /// 60 bits. Digits are only read when their decimal could fit: n 30-bit digits need at least
    /// 9 × (n − 1) + 1 decimal digits.
    private func long(_ object: RemoteAddress, budget: Int, _ walk: inout Walk) throws(MemoryReadError) -> String {
        guard let digitsOffset = layout.longDigits else { throw .implausibleSize(what: "int layout", size: 0) }
        let (count, negative) = try longHeader(object)
        if count == 0 { return "0" }
        let shortest = 9 * (min(count, Int(Int32.max)) - 1) + 1 + (negative ? 1 : 0)
        guard shortest <= budget else { return integerText(nil, negative: negative, budget: budget) }
        charge(count * 4, &walk)
        let block = try RemoteBlock(from: memory, at: object + digitsOffset, count: count * 4)
        let digits = (0..<count).map { block.integer(at: $0 * 4, as: UInt32.self) ?? 0 }
        return integerText(ReprText.decimal(digits: digits, negative: negative), negative: negative, budget: budget)
    }

    /// `decimal` when it fits, else py-spy's overflow marker.
    private func integerText(_ decimal: String?, negative: Bool, budget: Int) -> String {
        if let decimal, decimal.unicodeScalars.count <= budget { return decimal }
        return ReprText.atom(negative ? "-bigint" : "+bigint", budget: budget)
    }

    // MARK: Text

    /// A Python 3 `str` (or Python 2 `unicode`): at most `budget` characters are read, which is all that can
    /// show, since every character takes at least one.
    private func string(_ object: RemoteAddress, budget: Int, _ walk: inout Walk) throws(MemoryReadError) -> String {
        let codePoints: [UInt32]
        let length: Int
        if objects.isPython2 {
            (codePoints, length) = try python2Unicode(object, limit: budget, &walk)
        } else {
            let storage = try objects.unicodeStorage(at: object)
            length = storage.length
            let shown = min(length, budget)
            charge(shown * storage.kind, &walk)
            let raw = try memory.readBytes(storage.data, count: shown * storage.kind)
            codePoints = Self.codePoints(raw, kind: storage.kind)
        }
        return ReprText.quoted(
            codePoints.map(ReprText.escapedCharacter), complete: codePoints.count == length,
            budget: budget)
    }

    /// Python 2 `unicode`: `length`, then a pointer to `Py_UNICODE`s, 4 bytes each in a UCS-4 build and 2 in a
    /// UCS-2 one, told apart as `ObjectReader` does.
    private func python2Unicode(_ object: RemoteAddress, limit: Int, _ walk: inout Walk) throws(MemoryReadError)
        -> (codePoints: [UInt32], length: Int)
    {
        let length = try memory.readInteger(object + layout.varObjectSize, as: Int64.self)
        guard length >= 0 else { throw .implausibleSize(what: "string", size: Int(clamping: length)) }
        let shown = Int(min(length, Int64(limit)))
        guard shown > 0 else { return ([], Int(clamping: length)) }
        let data = try memory.readPointer(object + layout.varObjectSize + 8)
        charge(shown * 4, &walk)
        let wide = try memory.readBytes(data, count: shown * 4)
        let looksUCS4 = stride(from: 0, to: wide.count, by: 4).allSatisfy { wide[$0 + 2] <= 0x10 && wide[$0 + 3] == 0 }
        return (
            looksUCS4 ? Self.codePoints(wide, kind: 4) : Self.codePoints(Array(wide.prefix(shown * 2)), kind: 2),
            Int(clamping: length)
        )
    }

    /// Python 2 `str`, shown as text decoded from UTF-8 (as py-spy does). Up to 4 bytes a character are read.
    private func python2String(_ object: RemoteAddress, budget: Int, _ walk: inout Walk) throws(MemoryReadError)
        -> String
    {
        let (raw, complete) = try byteContents(object, limit: budget * 4, &walk)
        var codePoints = String(decoding: raw, as: UTF8.self).unicodeScalars.map(\.value)
        // A prefix may end inside a multi-byte character: drop the replacement character that leaves.
        if !complete, codePoints.last == 0xFFFD { codePoints.removeLast() }
        return ReprText.quoted(codePoints.map(ReprText.escapedCharacter), complete: complete, budget: budget)
    }

    /// Python 3 `bytes` as `b"…"`.
    private func bytes(_ object: RemoteAddress, budget: Int, _ walk: inout Walk) throws(MemoryReadError) -> String {
        let (raw, complete) = try byteContents(object, limit: budget, &walk)
        return ReprText.quoted(raw.map(ReprText.escapedByte), complete: complete, prefix: "b", budget: budget)
    }

    /// The first `limit` bytes of a bytes object, and whether that is all of it.
    private func byteContents(_ object: RemoteAddress, limit: Int, _ walk: inout Walk) throws(MemoryReadError)
        -> (bytes: [UInt8], complete: Bool)
    {
        let size = try memory.readInteger(object + layout.varObjectSize, as: Int64.self)
        guard size >= 0 else { throw .implausibleSize(what: "bytes object", size: Int(clamping: size)) }
        let shown = Int(min(size, Int64(limit)))
        charge(shown, &walk)
        return (try memory.readBytes(object + layout.bytesData, count: shown), Int64(shown) == size)
    }

    /// Code points from PEP 393 storage of `kind` bytes each (little-endian).
    static func codePoints(_ raw: [UInt8], kind: Int) -> [UInt32] {
        stride(from: 0, to: raw.count - (kind - 1), by: kind).map { start in
            var value: UInt32 = 0
            for byte in 0..<kind { value |= UInt32(raw[start + byte]) << (8 * UInt32(byte)) }
            return value
        }
    }
}
