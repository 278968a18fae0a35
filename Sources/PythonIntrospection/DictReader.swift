import CPythonLayouts
import ProcessAccess

/// Iterates dicts in the target (used for `sys.modules`, module globals and instance dicts when looking up
/// thread names). Mirrors the three storage schemes CPython has used:
/// - 2.7: an open-addressing table of `{hash, key, value}` (Include/dictobject.h, 2.7);
/// - 3.6–3.10: compact dicts, a `dk_indices` array then `{hash, key, value}` entries (Objects/dict-common.h);
/// - 3.11+: `dk_log2_index_bytes` sized indices then entries of 24 bytes (general) or 16 (unicode keys)
///   (Include/internal/pycore_dict.h).
/// Split tables keep values apart (`ma_values`), with an 8-byte prefix before `values[]` from 3.13.
struct DictReader<Memory: MemorySource>: Sendable {
    let objects: ObjectReader<Memory>
    var memory: Memory { objects.memory }
    var layout: PythonLayout { objects.layout }

    /// Most entries read from one dict: far above any `sys.modules` or instance dict we look into.
    static var maxEntries: Int { 1 << 16 }

    /// Where a dict's entries are, as its header and keys object say, before any entry is read: `count` slots
    /// of `entrySize` bytes from `start`, the key at `keyOffset` and the value 8 bytes after it, or in the
    /// separate `values` array. `count` comes from the target unchecked; readers bound it themselves.
    struct EntryTable: Sendable {
        var start: RemoteAddress
        var count: Int64
        var entrySize: Int
        var keyOffset: Int
        /// `values[0]` of a split table (or inline values), else nil.
        var values: RemoteAddress?
        /// The most slots a believable table of this scheme has (2.7 tables are up to 4/3 empty).
        var plausibleCount: Int
    }

    /// The (key, value) object pointers of a dict, skipping empty and deleted slots.
    func entries(of dict: RemoteAddress) throws(MemoryReadError) -> [(key: RemoteAddress, value: RemoteAddress)] {
        guard let table = try entryTable(of: dict) else { return [] }
        return try entries(in: table)
    }

    /// Entries of a keys object with, optionally, a separate values array (split dicts, and the inline values
    /// of managed instance dicts).
    func entries(keys: RemoteAddress, values: RemoteAddress?) throws(MemoryReadError)
        -> [(key: RemoteAddress, value: RemoteAddress)]
    {
        guard let table = try entryTable(keys: keys, values: values) else { return [] }
        return try entries(in: table)
    }

    /// Every entry of `table`, refusing an implausible slot count.
    func entries(in table: EntryTable) throws(MemoryReadError) -> [(key: RemoteAddress, value: RemoteAddress)] {
        guard table.count >= 0, table.count <= table.plausibleCount else {
            throw .implausibleSize(what: "dict", size: Int(clamping: table.count))
        }
        return try entries(in: table, slots: 0..<Int(table.count))
    }

    /// The live entries among `slots` of `table` (which the caller has bounded), in slot order.
    func entries(in table: EntryTable, slots: Range<Int>) throws(MemoryReadError)
        -> [(key: RemoteAddress, value: RemoteAddress)]
    {
        guard !slots.isEmpty else { return [] }
        let block = try RemoteBlock(
            from: memory, at: table.start + slots.lowerBound * table.entrySize,
            count: slots.count * table.entrySize)
        var valueArray: RemoteBlock?
        if let values = table.values {
            valueArray = try RemoteBlock(from: memory, at: values + slots.lowerBound * 8, count: slots.count * 8)
        }
        var result: [(key: RemoteAddress, value: RemoteAddress)] = []
        for index in 0..<slots.count {
            let base = index * table.entrySize
            guard let key = block.pointer(at: base + table.keyOffset), !key.isNull else { continue }
            let value =
                valueArray.map { $0.pointer(at: index * 8) ?? .null }
                ?? block.pointer(at: base + table.keyOffset + 8) ?? .null
            guard !value.isNull else { continue }
            result.append((key, value))
        }
        return result
    }

    /// The entry table of a dict object, or nil when this layout has no dict fields.
    func entryTable(of dict: RemoteAddress) throws(MemoryReadError) -> EntryTable? {
        if let maskOffset = layout.dictMask, let tableOffset = layout.dictTable {
            // 2.7: `ma_mask + 1` slots of {hash, key, value}; deleted slots keep a dummy key and a NULL value.
            let mask = try memory.readInteger(dict + maskOffset, as: Int64.self)
            guard mask >= 0, mask < Int64.max else { throw .implausibleSize(what: "dict", size: Int(clamping: mask)) }
            return EntryTable(
                start: try memory.readPointer(dict + tableOffset), count: mask + 1, entrySize: 24,
                keyOffset: 8, values: nil, plausibleCount: Self.maxEntries * 4)
        }
        guard let keysOffset = layout.dictKeys, let valuesOffset = layout.dictValues else { return nil }
        let keys = try memory.readPointer(dict + keysOffset)
        let values = try memory.readPointer(dict + valuesOffset)
        return try entryTable(keys: keys, values: values.isNull ? nil : values)
    }

    /// The entry table of a keys object (3.6+) with, optionally, a separate values array.
    func entryTable(keys: RemoteAddress, values: RemoteAddress?) throws(MemoryReadError) -> EntryTable? {
        guard let nentriesOffset = layout.dictKeysNentries, let indicesOffset = layout.dictKeysIndices else {
            return nil
        }
        let nentries = try memory.readInteger(keys + nentriesOffset, as: Int64.self)
        let entriesStart: RemoteAddress
        let entrySize: Int
        let keyOffsetInEntry: Int
        if let log2IndexBytesOffset = layout.dictKeysLog2IndexBytes, let kindOffset = layout.dictKeysKind {
            let log2IndexBytes = try memory.readInteger(keys + log2IndexBytesOffset, as: UInt8.self)
            let kind = try memory.readInteger(keys + kindOffset, as: UInt8.self)
            guard log2IndexBytes < 40 else { throw .implausibleSize(what: "dict index", size: Int(log2IndexBytes)) }
            entriesStart = keys + (indicesOffset + (1 << Int(log2IndexBytes)))
            (entrySize, keyOffsetInEntry) = kind == 0 ? (24, 8) : (16, 0)
        } else if let sizeOffset = layout.dictKeysSize {
            let size = try memory.readInteger(keys + sizeOffset, as: Int64.self)
            guard size > 0, size <= Int64(Self.maxEntries) * 4 else {
                throw .implausibleSize(what: "dict", size: Int(clamping: size))
            }
            let width = size <= 0xFF ? 1 : size <= 0xFFFF ? 2 : size <= 0xFFFF_FFFF ? 4 : 8
            entriesStart = keys + (indicesOffset + Int(size) * width)
            (entrySize, keyOffsetInEntry) = (24, 8)
        } else {
            return nil
        }
        return EntryTable(
            start: entriesStart, count: nentries, entrySize: entrySize, keyOffset: keyOffsetInEntry,
            values: values.map { $0 + (layout.dictValuesValues ?? 0) },
            plausibleCount: Self.maxEntries)
    }

    /// The value stored under the string key `name`.
    func value(forKey name: String, in dict: RemoteAddress) throws(MemoryReadError) -> RemoteAddress? {
        try values(forKeys: [name], in: try entries(of: dict))[name]
    }

    /// The values stored under the given ASCII string keys. Every key object is read in one vectored call, just
    /// far enough to hold the longest wanted name (an ASCII string keeps its characters right after its header),
    /// instead of two reads per key: `sys.modules` and module dicts hold hundreds of keys.
    func values(forKeys names: Set<String>, in entries: [(key: RemoteAddress, value: RemoteAddress)])
        -> [String: RemoteAddress]
    {
        guard let longest = names.map(\.utf8.count).max(), !entries.isEmpty else { return [:] }
        let header = objects.isPython2 ? layout.bytesData : (layout.asciiObjectSize ?? 0)
        let size = header + longest
        var bytes: [UInt8] = []
        let keys = entries.map(\.key)
        let read = memory.readRecords(at: keys[...], size: size, appendingTo: &bytes)
        var found: [String: RemoteAddress] = [:]
        for index in 0..<entries.count {
            let name: String?
            if index < read {
                let record = RemoteBlock(base: keys[index], bytes: Array(bytes[index * size..<(index + 1) * size]))
                name = asciiKey(record, header: header, wanted: names)
            } else {
                // Past a key the vectored read could not cover (a short object at the end of a mapping).
                name = (try? objects.string(at: keys[index])).flatMap { names.contains($0) ? $0 : nil }
            }
            if let name, found[name] == nil { found[name] = entries[index].value }
            if found.count == names.count { break }
        }
        return found
    }

    /// The key's text when it is a compact ASCII `str` (Python 2: a `str`) whose characters spell one of `wanted`.
    private func asciiKey(_ record: RemoteBlock, header: Int, wanted: Set<String>) -> String? {
        let length: Int64?
        if objects.isPython2 {
            length = record.integer(at: layout.varObjectSize, as: Int64.self)
        } else {
            guard let state = record.integer(at: layout.unicodeState ?? 0, as: UInt32.self),
                (state >> 5) & 1 == 1, (state >> 6) & 1 == 1
            else { return nil }  // compact and ASCII
            length = record.integer(at: layout.unicodeLength ?? 0, as: Int64.self)
        }
        guard let length, length >= 0, header + Int(length) <= record.bytes.count else { return nil }
        let text = String(decoding: record.bytes[header..<header + Int(length)], as: UTF8.self)
        return wanted.contains(text) ? text : nil
    }

    /// The attributes of an ordinary instance as (name, value) pairs: its `__dict__` found through
    /// `tp_dictoffset` (≤ 3.10), a managed dict (3.11+: `Py_TPFLAGS_MANAGED_DICT`, a pointer before the object,
    /// `PythonLayout.managedDictOffset`), or inline values (3.13+: `Py_TPFLAGS_INLINE_VALUES`, stored after the object's basic size) whose
    /// keys are the type's shared `ht_cached_keys`. See Include/internal/pycore_object.h of each version.
    func instanceAttributes(of object: RemoteAddress) throws(MemoryReadError)
        -> [(key: RemoteAddress, value: RemoteAddress)]
    {
        let type = try objects.typeOf(object)
        let flags = try objects.typeFlags(type)
        let managedDict: UInt64 = 1 << 4
        let inlineValues: UInt64 = 1 << 2
        if layout.major == 3, layout.minor >= 11, flags & managedDict != 0 {
            let dictSlot = object.advanced(by: layout.managedDictOffset) ?? .null
            let valuesSlot = object.advanced(by: layout.managedDictOffset - 8) ?? .null
            let dictOrValues = try memory.readPointer(dictSlot)
            if layout.minor == 12, dictOrValues.rawValue & 1 == 1 {
                return try cachedKeyEntries(type: type, values: RemoteAddress(dictOrValues.rawValue &+ 1))
            }
            if !dictOrValues.isNull { return try entries(of: dictOrValues) }
            if layout.minor == 11 {
                let values = try memory.readPointer(valuesSlot)
                return values.isNull ? [] : try cachedKeyEntries(type: type, values: values)
            }
            if flags & inlineValues != 0 {
                let basicSize = try memory.readInteger(type + layout.typeBasicsize, as: Int64.self)
                guard basicSize > 0, basicSize < 1 << 20 else {
                    throw .implausibleSize(what: "type basic size", size: Int(clamping: basicSize))
                }
                return try cachedKeyEntries(type: type, values: object + Int(basicSize))
            }
            return []
        }
        let dictOffset = try memory.readInteger(type + layout.typeDictoffset, as: Int64.self)
        guard dictOffset > 0, dictOffset < 1 << 20 else { return [] }
        let dict = try memory.readPointer(object + Int(dictOffset))
        return dict.isNull ? [] : try entries(of: dict)
    }

    private func cachedKeyEntries(type: RemoteAddress, values: RemoteAddress) throws(MemoryReadError)
        -> [(key: RemoteAddress, value: RemoteAddress)]
    {
        guard let cachedKeysOffset = layout.heapTypeCachedKeys else { return [] }
        let keys = try memory.readPointer(type + cachedKeysOffset)
        return keys.isNull ? [] : try entries(keys: keys, values: values)
    }
}
