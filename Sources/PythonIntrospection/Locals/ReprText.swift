/// The text rules of `dump --locals` values, kept apart from memory reading so that each can be tested with
/// plain inputs. Lengths are counted in Unicode scalars (Python's characters), and every function keeps its
/// result within the `budget` it is given (`ValueFormatter` explains the budget).
///
/// The rules follow py-spy's `format_variable` where it is well defined (reference §6.5), and Python's own
/// `repr` where py-spy is lossy or ambiguous; each deviation is named where it is made.
enum ReprText {
    /// What any value shows once its budget is spent (py-spy's rule: a budget of 5 or less).
    static let elided = "..."

    /// True when a value with this budget can show nothing but `...`.
    static func isExhausted(_ budget: Int) -> Bool { budget <= 5 }

    /// `text` when it fits in `budget`, else `...`.
    static func atom(_ text: String, budget: Int) -> String {
        text.unicodeScalars.count <= budget ? text : elided
    }

    // MARK: Strings and bytes

    /// How one character of a `str` is shown inside double quotes. py-spy only escapes `"` and newlines (and
    /// turns `'` into `\"`); here backslashes and control characters are escaped too, so that what a target
    /// stores can never move the terminal's cursor or change its colours, and lone surrogates (which
    /// `surrogateescape` produces) stay visible.
    static func escapedCharacter(_ codePoint: UInt32) -> String {
        switch codePoint {
        case 0x5C: return "\\\\"
        case 0x22: return "\\\""
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        case 0..<0x20, 0x7F...0x9F: return "\\x" + hex(codePoint, width: 2)
        case 0xD800...0xDFFF: return "\\u" + hex(codePoint, width: 4)
        default:
            guard let scalar = Unicode.Scalar(codePoint) else { return "\\U" + hex(codePoint, width: 8) }
            return String(Character(scalar))
        }
    }

    /// How one byte of a `bytes` object is shown inside `b"…"`: printable ASCII as itself, the rest escaped
    /// as Python does (`\n`, `\x00`, …). py-spy shows `bytes` as `<bytes at 0x…>`.
    static func escapedByte(_ byte: UInt8) -> String {
        switch byte {
        case 0x5C: return "\\\\"
        case 0x22: return "\\\""
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        case 0x20..<0x7F: return String(UnicodeScalar(byte))
        default: return "\\x" + hex(UInt32(byte), width: 2)
        }
    }

    /// `prefix"…"`: the escaped pieces, all of them when they fit (`complete` says whether they are the whole
    /// value), else as many whole pieces as fit with `..."` closing the quote (py-spy cuts long strings the same
    /// way, on a character boundary; escapes are never split).
    static func quoted(_ pieces: [String], complete: Bool, prefix: String = "", budget: Int) -> String {
        let frame = prefix.unicodeScalars.count + 2
        guard budget >= frame + elided.count else { return elided }
        var body = ""
        var length = 0
        var index = 0
        while index < pieces.count {
            let pieceLength = pieces[index].unicodeScalars.count
            guard length + pieceLength <= budget - frame else { break }
            body += pieces[index]
            length += pieceLength
            index += 1
        }
        if complete, index == pieces.count { return prefix + "\"" + body + "\"" }
        // Cut: drop whole pieces until `...` fits before the closing quote.
        let room = budget - frame - elided.count
        while length > room, !body.isEmpty {
            index -= 1
            length -= pieces[index].unicodeScalars.count
            body.unicodeScalars.removeLast(pieces[index].unicodeScalars.count)
        }
        return prefix + "\"" + body + elided + "\""
    }

    // MARK: Numbers

    /// A float as Rust's `Display` prints an `f64`, which is what py-spy shows: the shortest digits that read
    /// back as the same value, never in exponent form (`3.0` → `3`, `1e-7` → `0.0000001`, `-0.0` → `-0`), and
    /// `inf`, `-inf`, `NaN`. When that is longer than the budget, Rust's exponent form (`1e300`, `1.5e-7`)
    /// is used instead; when even that does not fit, `...`.
    static func float(_ value: Double, budget: Int) -> String {
        if value.isNaN { return atom("NaN", budget: budget) }
        if value.isInfinite { return atom(value < 0 ? "-inf" : "inf", budget: budget) }
        let sign = value.sign == .minus ? "-" : ""
        let (digits, point) = shortestDigits(value.magnitude)
        guard !digits.isEmpty else { return atom(sign + "0", budget: budget) }
        let positional: String
        if point <= 0 {
            positional = "0." + String(repeating: "0", count: -point) + digits
        } else if point >= digits.count {
            positional = digits + String(repeating: "0", count: point - digits.count)
        } else {
            let split = digits.index(digits.startIndex, offsetBy: point)
            positional = String(digits[..<split]) + "." + String(digits[split...])
        }
        if sign.count + positional.count <= budget { return sign + positional }
        let mantissa = digits.count == 1 ? digits : String(digits.prefix(1)) + "." + String(digits.dropFirst())
        return atom(sign + mantissa + "e" + String(point - 1), budget: budget)
    }

    /// The shortest round-trip decimal digits of a finite, non-negative `value` (no leading or trailing zeros)
    /// and the position of the decimal point: value = 0.DIGITS × 10^point. Swift's `description` already
    /// produces the shortest digits; only their notation is taken apart here.
    static func shortestDigits(_ value: Double) -> (digits: String, point: Int) {
        let text = value.description
        let parts = text.split(separator: "e", maxSplits: 1)
        let exponent = parts.count == 2 ? Int(parts[1]) ?? 0 : 0
        let mantissa = parts[0].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integer = mantissa[0]
        let fraction = mantissa.count == 2 ? mantissa[1] : ""
        var digits = Substring(integer + fraction)
        var point = integer.count + exponent
        while digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        return (String(digits), point)
    }

    /// The decimal text of the integer `sign × Σ digits[i] × 2^(30·i)` (CPython's 30-bit digits, least
    /// significant first), by repeated division by 10⁹. Quadratic in the digit count, which callers bound.
    static func decimal(digits: [UInt32], negative: Bool) -> String {
        var remaining = digits.map { UInt64($0 & 0x3FFF_FFFF) }
        while remaining.last == 0 { remaining.removeLast() }
        guard !remaining.isEmpty else { return "0" }
        var chunks: [UInt64] = []  // base 10⁹, least significant first
        while !remaining.isEmpty {
            var carry: UInt64 = 0
            for index in remaining.indices.reversed() {
                let current = carry << 30 | remaining[index]
                remaining[index] = current / 1_000_000_000
                carry = current % 1_000_000_000
            }
            chunks.append(carry)
            while remaining.last == 0 { remaining.removeLast() }
        }
        var text = negative ? "-" : ""
        text += String(chunks.removeLast())
        for chunk in chunks.reversed() {
            let part = String(chunk)
            text += String(repeating: "0", count: 9 - part.count) + part
        }
        return text
    }

    // MARK: Helpers

    /// Lower-case hexadecimal, zero-padded to `width`.
    static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// Writes `open element, element, … close` within a budget, py-spy's rule for lists, tuples and dicts: each
/// element gets what is left, and when nothing meaningful fits any more the collection ends with `...`. Room
/// for `, ...` is kept back while more elements follow, so the whole text never exceeds the budget.
struct CollectionText {
    private var text: String
    private var remaining: Int
    private var count = 0
    private let close: String

    /// Nil when the budget cannot hold even `open...close`.
    init?(open: String, close: String, budget: Int) {
        let frame = open.unicodeScalars.count + close.unicodeScalars.count
        guard !ReprText.isExhausted(budget), budget >= frame + ReprText.elided.count else { return nil }
        text = open
        remaining = budget - frame
        self.close = close
    }

    /// The budget of the next element, or nil when no element can be shown any more. `isLast` is true when
    /// no element follows it.
    func budgetForNext(isLast: Bool) -> Int? {
        let separator = count == 0 ? 0 : 2
        let available = remaining - separator - (isLast ? 0 : 5)
        return ReprText.isExhausted(available) ? nil : available
    }

    /// Appends an element made within `budgetForNext`.
    mutating func append(_ element: String) {
        if count > 0 {
            text += ", "
            remaining -= 2
        }
        text += element
        remaining -= element.unicodeScalars.count
        count += 1
    }

    /// The finished text; `truncated` adds `...` for the elements not shown.
    func finished(truncated: Bool) -> String {
        guard truncated else { return text + close }
        return text + (count == 0 ? ReprText.elided : ", " + ReprText.elided) + close
    }
}
