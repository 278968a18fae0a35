/// A key the `top` view understands (reference §4.2 "Keys", plus `q`).
package enum TopKey: Sendable, Hashable {
    case sort(TopColumn)
    case toggleLineAggregation
    case reset
    case showHelp
    case hideHelp
    case quit

    /// The keys in a chunk of raw terminal input, in order. Unknown bytes are skipped, and so are whole escape
    /// sequences (arrow keys, function keys, focus reports): otherwise the `1` inside `ESC [ 1 ; 5 A` would
    /// re-sort the table. Ctrl-C arrives as byte 3 because the terminal is in raw mode without signals.
    package static func parse(_ bytes: some Sequence<UInt8>) -> [TopKey] {
        var keys: [TopKey] = []
        var state = EscapeState.none
        for byte in bytes {
            switch state {
            case .escape:
                // CSI (`ESC [`) and SS3 (`ESC O`) carry a body; any other byte ends a two-byte sequence.
                state = byte == UInt8(ascii: "[") || byte == UInt8(ascii: "O") ? .body : .none
                continue
            case .body:
                // Parameters and intermediates are 0x20–0x3F; a final byte in 0x40–0x7E ends the sequence.
                if (0x40...0x7E).contains(byte) { state = .none }
                continue
            case .none:
                if byte == 0x1B {
                    state = .escape
                    continue
                }
            }
            if let key = key(for: byte) { keys.append(key) }
        }
        return keys
    }

    static func key(for byte: UInt8) -> TopKey? {
        switch byte {
        case UInt8(ascii: "1")...UInt8(ascii: "4"):
            return TopColumn(rawValue: Int(byte - UInt8(ascii: "0"))).map { .sort($0) }
        case UInt8(ascii: "L"), UInt8(ascii: "l"): return .toggleLineAggregation
        case UInt8(ascii: "R"), UInt8(ascii: "r"): return .reset
        case UInt8(ascii: "?"): return .showHelp
        case UInt8(ascii: "X"), UInt8(ascii: "x"): return .hideHelp
        case UInt8(ascii: "Q"), UInt8(ascii: "q"), 0x03: return .quit
        default: return nil
        }
    }

    private enum EscapeState {
        case none, escape, body
    }
}
