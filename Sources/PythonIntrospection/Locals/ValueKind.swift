import ProcessAccess

/// How `dump --locals` shows an object, decided once per type from its `tp_flags` and `tp_name`.
///
/// Flags come first, as in py-spy: subclasses of the built-in containers and numbers (a `namedtuple`, an
/// `IntEnum` member, an `OrderedDict`) are shown as their base type. Types without a flag bit are recognised
/// by their exact name, so a subclass of `float` or `set` is shown as `<name at 0x…>`.
enum ValueKind: Sendable, Equatable {
    /// Python 2 `int` (`PyIntObject`) and `bool`, which subclasses it.
    case python2Int, python2Bool
    /// `int` (Python 2 `long`) and `bool`, which subclasses it.
    case int, bool
    case float, none
    /// Python 3 `str`, or Python 2 `unicode`.
    case str
    /// Python 2 `str`: bytes, shown as text as py-spy does.
    case python2Str
    case bytes
    case tuple, list, dict, set, frozenset
    /// Anything else: shown as `<tp_name at 0xADDRESS>`.
    case other

    // Type flag bits from Include/object.h (`Py_TPFLAGS_*_SUBCLASS`).
    static let intSubclass: UInt64 = 1 << 23  // Python 2 only
    static let longSubclass: UInt64 = 1 << 24
    static let listSubclass: UInt64 = 1 << 25
    static let tupleSubclass: UInt64 = 1 << 26
    static let bytesSubclass: UInt64 = 1 << 27  // Python 2: str
    static let unicodeSubclass: UInt64 = 1 << 28
    static let dictSubclass: UInt64 = 1 << 29

    init(flags: UInt64, name: String, isPython2: Bool) {
        if isPython2, flags & Self.intSubclass != 0 {
            self = name == "bool" ? .python2Bool : .python2Int
        } else if flags & Self.longSubclass != 0 {
            self = name == "bool" ? .bool : .int
        } else if flags & Self.unicodeSubclass != 0 {
            self = .str
        } else if flags & Self.bytesSubclass != 0 {
            self = isPython2 ? .python2Str : .bytes
        } else if flags & Self.dictSubclass != 0 {
            self = .dict
        } else if flags & Self.listSubclass != 0 {
            self = .list
        } else if flags & Self.tupleSubclass != 0 {
            self = .tuple
        } else {
            switch name {
            case "float": self = .float
            case "NoneType": self = .none
            case "set": self = .set
            case "frozenset": self = .frozenset
            default: self = .other
            }
        }
    }

    /// What Python's `repr` shows for a container already being shown further out (`a = []; a.append(a)`
    /// gives `[[...]]`); nil for kinds that hold no other objects.
    var recursionMarker: String? {
        switch self {
        case .list: return "[...]"
        case .tuple: return "(...)"
        case .dict, .set: return "{...}"
        case .frozenset: return "frozenset({...})"
        default: return nil
        }
    }
}

/// A type as `dump --locals` needs it: its name (`tp_name`, e.g. `int`, `collections.OrderedDict`, or a
/// class's `__name__`) and the kind of value it holds.
struct TypeInfo: Sendable, Equatable {
    var name: String
    var kind: ValueKind
}

extension MemorySource {
    /// A NUL-terminated C string of at most `limit` bytes, decoded as UTF-8. Read in small pieces that never
    /// cross a page boundary, so a short string at the end of a mapping is still readable.
    func cString(at address: RemoteAddress, limit: Int) throws(MemoryReadError) -> String {
        var bytes: [UInt8] = []
        var next = address
        while bytes.count < limit {
            let toPageEnd = 4096 - Int(next.rawValue % 4096)
            let chunk = try readBytes(next, count: min(32, toPageEnd, limit - bytes.count))
            if let end = chunk.firstIndex(of: 0) {
                bytes += chunk[..<end]
                break
            }
            bytes += chunk
            next = next + chunk.count
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
