/// The two primitives every JSON output needs: quoting a string and printing a number.
///
/// We write JSON by hand instead of using Foundation's `JSONEncoder` because py-spy's consumers (and our
/// byte-for-byte tests) depend on key order, on `serde_json`'s escaping, and on non-ASCII text staying raw
/// UTF-8; `JSONEncoder` guarantees none of these.
enum JSONText {
    /// Appends `value` as a JSON string literal, escaped exactly as `serde_json` does: `"` and `\` are
    /// backslash-escaped, the control characters with short forms use them (`\b \t \n \f \r`), every other
    /// control character below U+0020 becomes `\u00XX` (lower-case hex), and everything else — including
    /// DEL, `/` and all non-ASCII text — is copied through as UTF-8.
    static func appendString(_ value: String, to out: inout String) {
        out.append("\"")
        // Fast path: most names and file names need no escaping at all.
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out.append(value)
            out.append("\"")
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\u{08}": out.append("\\b")
            case "\u{0C}": out.append("\\f")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case _ where scalar.value < 0x20:
                out.append("\\u00")
                out.append(hexDigits[Int(scalar.value >> 4)])
                out.append(hexDigits[Int(scalar.value & 0xF)])
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        out.append("\"")
    }

    /// `value` as a quoted JSON string literal.
    static func quoted(_ value: String) -> String {
        var out = ""
        appendString(value, to: &out)
        return out
    }

    /// A JSON number for `value`: Swift's shortest round-tripping form (`0.05`, `0.0`, `1e-05`), which is
    /// valid JSON. JSON has no NaN or infinity, so those become `null` rather than a file nobody can parse.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        return value.description
    }

    private static let hexDigits: [Character] = Array("0123456789abcdef")
}
