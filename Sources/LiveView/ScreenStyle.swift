/// The few ANSI attributes the `top` screen uses. Styling is applied after the plain text has been laid out
/// and cut to width, so escape sequences never count towards a line's length.
struct ScreenStyle: Sendable {
    let enabled: Bool

    static let reset = "\u{1B}[0m"

    /// The table header bar.
    func reverse(_ text: String) -> String { wrap(text, "\u{1B}[7m") }

    /// The sorted column's title, inside the reversed bar: `22` ends bold without ending reverse video.
    func bold(_ text: String) -> String { enabled ? "\u{1B}[1m" + text + "\u{1B}[22m" : text }

    /// The falling-behind warning.
    func red(_ text: String) -> String { wrap(text, "\u{1B}[31m") }

    private func wrap(_ text: String, _ start: String) -> String {
        enabled ? start + text + Self.reset : text
    }
}

/// Text from the target (function and file names, the command line, error messages) is shown as is, except
/// for control characters: a name holding `ESC [ 2 J` must not be able to drive the terminal.
enum ScreenText {
    static func sanitized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var clean = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            clean.append(isControl(scalar) ? "?" : scalar)
        }
        return String(clean)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}

/// Measuring styled text.
enum ANSIText {
    /// Characters a line shows (counted as the renderer counts them), not counting CSI escape sequences
    /// (`ESC [ … final`).
    static func visibleCount(_ text: String) -> Int {
        var count = 0
        var inEscape = false
        var afterEscape = false
        for character in text {
            if afterEscape {
                afterEscape = false
                inEscape = character == "["
                continue
            }
            if inEscape {
                if let byte = character.asciiValue, (0x40...0x7E).contains(byte) { inEscape = false }
                continue
            }
            if character == "\u{1B}" {
                afterEscape = true
                continue
            }
            count += 1
        }
        return count
    }
}
