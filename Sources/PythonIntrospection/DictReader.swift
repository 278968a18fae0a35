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

    /// The (key, value) object pointers of a dict, skipping empty and deleted slots.
    func entries(of dict: RemoteAddress) throws(MemoryReadError) -> [(key: RemoteAddress, value: RemoteAddress)] {
        if let maskOffset = layout.dictMask, let tableOffset = layout.dictTable {
            return try python2Entries(dict, maskOffset: maskOffset, tableOffset: tableOffset)
        }
        guard let keysOffset = layout.dictKeys, let valuesOffset = layout.dictValues else { return [] }
        let keys = try memory.readPointer(dict + keysOffset)
        let values = try memory.readPointer(dict + valuesOffset)
        return try entries(keys: keys, values: values.isNull ? nil : values)
    }

    /// Entries of a keys object with, optionally, a separate values array (split dicts, and the inline values
    /// of managed instance dicts).
    func entries(keys: RemoteAddress, values: RemoteAddress?) throws(MemoryReadError)
        -> [(key: RemoteAddress, value: RemoteAddress)]
    {
        guard let nentriesOffset = layout.dictKeysNentries, let indicesOffset = layout.dictKeysIndices else {
            return []
        }
        let nentries = try memory.readInteger(keys + nentriesOffset, as: Int64.self)
        guard nentries >= 0, nentries <= Self.maxEntries else {
            throw .implausibleSize(what: "dict", size: Int(clamping: nentries))
        }
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
            return []
        }
        let count = Int(nentries)
        guard count > 0 else { return [] }
        let table = try RemoteBlock(from: memory, at: entriesStart, count: count * entrySize)
        var valueArray: RemoteBlock?
        if let values {
            valueArray = try RemoteBlock(from: memory, at: values + (layout.dictValuesValues ?? 0), count: count * 8)
        }
        var result: [(key: RemoteAddress, value: RemoteAddress)] = []
        for index in 0..<count {
            let base = index * entrySize
            guard let key = table.pointer(at: base + keyOffsetInEntry), !key.isNull else { continue }
            let value = valueArray.map { $0.pointer(at: index * 8) ?? .null }
                ?? table.pointer(at: base + keyOffsetInEntry + 8) ?? .null
            guard !value.isNull else { continue }
            result.append((key, value))
        }
        return result
    }

    private func python2Entries(_ dict: RemoteAddress, maskOffset: Int, tableOffset: Int) throws(MemoryReadError)
        -> [(key: RemoteAddress, value: RemoteAddress)]
    {
        let mask = try memory.readInteger(dict + maskOffset, as: Int64.self)
        guard mask >= 0, mask < Int64(Self.maxEntries) * 4 else {
            throw .implausibleSize(what: "dict", size: Int(clamping: mask))
        }
        let table = try memory.readPointer(dict + tableOffset)
        let slots = Int(mask) + 1
        let block = try RemoteBlock(from: memory, at: table, count: slots * 24)
        var result: [(key: RemoteAddress, value: RemoteAddress)] = []
        for index in 0..<slots {
            guard let key = block.pointer(at: index * 24 + 8), !key.isNull,
                  let value = block.pointer(at: index * 24 + 16), !value.isNull else { continue }
            result.append((key, value))
        }
        return result
    }

    /// The value stored under the string key `name`, comparing lengths before reading whole keys.
    func value(forKey name: String, in dict: RemoteAddress) throws(MemoryReadError) -> RemoteAddress? {
        for (key, value) in try entries(of: dict) {
            if (try? objects.string(at: key)) == name { return value }
        }
        return nil
    }

    /// The attributes of an ordinary instance as (name, value) pairs: its `__dict__` found through
    /// `tp_dictoffset` (≤ 3.10), a managed dict (3.11+: `Py_TPFLAGS_MANAGED_DICT`, the pointer just before the
    /// object), or inline values (3.13+: `Py_TPFLAGS_INLINE_VALUES`, stored after the object's basic size) whose
    /// keys are the type's shared `ht_cached_keys`. See Include/internal/pycore_object.h of each version.
    func instanceAttributes(of object: RemoteAddress) throws(MemoryReadError)
        -> [(key: RemoteAddress, value: RemoteAddress)]
    {
        let type = try objects.typeOf(object)
        let flags = try objects.typeFlags(type)
        let managedDict: UInt64 = 1 << 4
        let inlineValues: UInt64 = 1 << 2
        if layout.major == 3, layout.minor >= 11, flags & managedDict != 0 {
            let (dictSlot, valuesSlot) = (object.advanced(by: -24) ?? .null, object.advanced(by: -32) ?? .null)
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
