/// Escaping for text we place in XML (the flamegraph SVG).
enum XMLText {
    /// `text` safe for element content and double- or single-quoted attributes. Characters XML 1.0 forbids
    /// outright (most C0 controls, U+FFFE, U+FFFF) cannot be escaped at all, so they become U+FFFD; a file
    /// name with a stray control byte must not make the whole SVG unreadable.
    static func escape(_ text: String) -> String {
        if !text.unicodeScalars.contains(where: needsWork) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case _ where !isAllowed(scalar): out.unicodeScalars.append("\u{FFFD}")
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func needsWork(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "&", "<", ">", "\"", "'": return true
        default: return !isAllowed(scalar)
        }
    }

    /// XML 1.0's `Char` production.
    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
