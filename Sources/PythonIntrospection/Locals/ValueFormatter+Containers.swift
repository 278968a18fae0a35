import CPythonLayouts
import ProcessAccess

/// Tuples, lists, dicts and sets. Each first gathers the element pointers it could show (a bounded number,
/// read in small chunks so that a corrupt length ends the read at the first unmapped page rather than failing
/// it), then writes them within the budget with `CollectionText`.
extension ValueFormatter {
    /// Pointers read per chunk (and hash-table slots scanned per chunk).
    static var chunk: Int { 32 }

    /// Elements gathered from a container: those that could be shown, and whether any follow them.
    struct Gathered<Element> {
        var elements: [Element] = []
        var hasMore = false
    }

    /// `(a, b)`, `(a,)` or `[a, b]`: `ob_size` items, inline after a tuple's header (Include/cpython/
    /// tupleobject.h) or behind a list's `ob_item` pointer (Include/cpython/listobject.h).
    func sequence(_ object: RemoteAddress, kind: ValueKind, budget: Int, _ walk: inout Walk) throws(MemoryReadError)
        -> String
    {
        let size = try memory.readInteger(object + layout.varObjectSize, as: Int64.self)
        guard size >= 0 else { throw .implausibleSize(what: "sequence", size: Int(clamping: size)) }
        let items = kind == .list ? try memory.readPointer(object + layout.listItems) : object + layout.tupleItems
        let gathered = try pointers(at: items, count: size, limit: Self.elementLimit(budget: budget), &walk)
        let close = kind == .list ? "]" : (size == 1 ? ",)" : ")")
        return write(gathered, of: object, open: kind == .list ? "[" : "(", close: close, budget: budget, &walk)
    }

    /// `{key: value, …}` from the dict's entry table (`DictReader`); py-spy shows subclasses such as
    /// `OrderedDict` and `defaultdict` the same way.
    func dict(_ object: RemoteAddress, budget: Int, _ walk: inout Walk) throws(MemoryReadError) -> String {
        guard let table = try dicts.entryTable(of: object) else { throw .implausibleSize(what: "dict layout", size: 0) }
        let limit = Self.elementLimit(budget: budget)
        let valueBytes = table.values == nil ? 0 : 8
        let gathered = try scan(slots: table.count, limit: limit, bytesPerSlot: table.entrySize + valueBytes, &walk) {
            (slots: Range<Int>) throws(MemoryReadError) in try dicts.entries(in: table, slots: slots)
        }
        guard var text = CollectionText(open: "{", close: "}", budget: budget) else { return ReprText.elided }
        walk.ancestors.append(object)
        defer { walk.ancestors.removeLast() }
        var truncated = gathered.hasMore
        for (index, entry) in gathered.elements.enumerated() {
            let isLast = index == gathered.elements.count - 1 && !gathered.hasMore
            // `key: value` needs at least `...: ...`.
            guard !Self.isSpent(walk), let available = text.budgetForNext(isLast: isLast), available >= 8 else {
                truncated = true
                break
            }
            let key = element(entry.key, budget: available - 5, &walk)
            let value = element(entry.value, budget: available - key.unicodeScalars.count - 2, &walk)
            text.append(key + ": " + value)
        }
        return text.finished(truncated: truncated)
    }

    /// `{a, b}`, `set()`, `frozenset({a, b})` or `frozenset()`, in table order as Python iterates it:
    /// `mask + 1` `setentry`s behind `table` (Include/cpython/setobject.h), skipping empty slots (NULL key)
    /// and deleted ones (3.x sets a dummy key with hash −1; 2.7 keeps the hash, so its `<dummy key>` string
    /// is recognised by content).
    func set(_ object: RemoteAddress, kind: ValueKind, budget: Int, _ walk: inout Walk) throws(MemoryReadError)
        -> String
    {
        guard let maskOffset = layout.setMask, let tableOffset = layout.setTable, let keyOffset = layout.setEntryKey,
            let hashOffset = layout.setEntryHash, let entrySize = layout.setEntrySize, entrySize > 0
        else { throw .implausibleSize(what: "set layout", size: 0) }
        let mask = try memory.readInteger(object + maskOffset, as: Int64.self)
        let table = try memory.readPointer(object + tableOffset)
        let slotCount = mask < 0 ? mask : mask == Int64.max ? mask : mask + 1
        let limit = Self.elementLimit(budget: budget)
        let gathered = try scan(slots: slotCount, limit: limit, bytesPerSlot: entrySize, &walk) {
            (slots: Range<Int>) throws(MemoryReadError) -> [RemoteAddress] in
            let block = try RemoteBlock(
                from: memory, at: table + slots.lowerBound * entrySize,
                count: slots.count * entrySize)
            return (0..<slots.count).compactMap { index in
                guard let key = block.pointer(at: index * entrySize + keyOffset), !key.isNull,
                    block.integer(at: index * entrySize + hashOffset, as: Int64.self) != -1,
                    !isPython2SetDummy(key)
                else { return nil }
                return key
            }
        }
        let name = kind == .set ? "set" : "frozenset"
        if gathered.elements.isEmpty, !gathered.hasMore { return ReprText.atom(name + "()", budget: budget) }
        let (open, close) = kind == .set ? ("{", "}") : ("frozenset({", "})")
        return write(gathered, of: object, open: open, close: close, budget: budget, &walk)
    }

    /// The dummy key of Python 2's deleted set entries: the str `<dummy key>` (Objects/setobject.c, 2.7).
    private func isPython2SetDummy(_ key: RemoteAddress) -> Bool {
        guard objects.isPython2, (try? typeInfo(of: key))?.kind == .python2Str,
            (try? memory.readInteger(key + layout.varObjectSize, as: Int64.self)) == 11
        else { return false }
        return (try? memory.readBytes(key + layout.bytesData, count: 11)) == Array("<dummy key>".utf8)
    }

    // MARK: Bounded reads

    /// Up to `limit` of the `count` pointers at `base`.
    func pointers(at base: RemoteAddress, count: Int64, limit: Int, _ walk: inout Walk) throws(MemoryReadError)
        -> Gathered<RemoteAddress>
    {
        let wanted = Int(min(count, Int64(limit)))
        let (elements, reached) = try chunked(upTo: wanted, bytesPerSlot: 8, &walk, enough: { _ in false }) {
            (range: Range<Int>) throws(MemoryReadError) -> [RemoteAddress] in
            let block = try RemoteBlock(from: memory, at: base + range.lowerBound * 8, count: range.count * 8)
            return (0..<range.count).map { block.pointer(at: $0 * 8) ?? .null }
        }
        return Gathered(elements: elements, hasMore: Int64(reached) < count)
    }

    /// Scans a hash table's `slots` (from the target: may be negative or huge), collecting what `read` finds
    /// in each range of slots, until `limit` elements are found or `8 × limit + 64` slots were scanned.
    func scan<Element>(
        slots: Int64, limit: Int, bytesPerSlot: Int, _ walk: inout Walk,
        read: (Range<Int>) throws(MemoryReadError) -> [Element]
    ) throws(MemoryReadError) -> Gathered<Element> {
        guard slots >= 0 else { throw .implausibleSize(what: "table", size: Int(clamping: slots)) }
        let scanLimit = Int(min(slots, Int64(limit * 8 + 64)))
        var (elements, reached) = try chunked(
            upTo: scanLimit, bytesPerSlot: bytesPerSlot, &walk,
            enough: { $0.count >= limit }, read: read)
        var hasMore = Int64(reached) < slots
        if elements.count > limit {
            elements.removeLast(elements.count - limit)
            hasMore = true
        }
        return Gathered(elements: elements, hasMore: hasMore)
    }

    /// Calls `read` on consecutive ranges of slots from 0 up to `end`, `chunk` at a time, until `enough`.
    /// A range that cannot be read is retried slot by slot, and the first unreadable slot ends the reading
    /// there: a corrupt length stops where readable memory does. Only an unreadable first slot is an error.
    /// Returns what was read and the slot reached.
    private func chunked<Element>(
        upTo end: Int, bytesPerSlot: Int, _ walk: inout Walk, enough: ([Element]) -> Bool,
        read: (Range<Int>) throws(MemoryReadError) -> [Element]
    ) throws(MemoryReadError) -> (elements: [Element], reached: Int) {
        var elements: [Element] = []
        var start = 0
        while start < end, !enough(elements), !Self.isSpent(walk) {
            let stop = min(end, start + Self.chunk)
            charge((stop - start) * bytesPerSlot, &walk)
            do throws(MemoryReadError) {
                elements += try read(start..<stop)
                start = stop
            } catch {
                var slot = start
                while slot < stop, let more = try? read(slot..<slot + 1) {
                    elements += more
                    slot += 1
                }
                if slot == 0 { throw error }
                return (elements, slot)
            }
        }
        return (elements, start)
    }

    /// Writes gathered elements between `open` and `close`, `object` being an ancestor of each.
    private func write(
        _ gathered: Gathered<RemoteAddress>, of object: RemoteAddress, open: String, close: String, budget: Int,
        _ walk: inout Walk
    ) -> String {
        guard var text = CollectionText(open: open, close: close, budget: budget) else { return ReprText.elided }
        walk.ancestors.append(object)
        defer { walk.ancestors.removeLast() }
        var truncated = gathered.hasMore
        for (index, item) in gathered.elements.enumerated() {
            let isLast = index == gathered.elements.count - 1 && !gathered.hasMore
            guard !Self.isSpent(walk), let available = text.budgetForNext(isLast: isLast) else {
                truncated = true
                break
            }
            text.append(element(item, budget: available, &walk))
        }
        return text.finished(truncated: truncated)
    }
}
