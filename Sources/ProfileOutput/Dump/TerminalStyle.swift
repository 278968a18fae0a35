/// The handful of ANSI styles `dump` uses, written the way py-spy's `console` crate writes them so that a
/// coloured dump is byte-identical: the foreground colour first (`ESC[3Xm`), then each attribute in
/// ascending order (bold `ESC[1m`, dim `ESC[2m`), the text, and one `ESC[0m` reset.
///
/// Whether to colour at all is the caller's decision (isatty, `NO_COLOR`, `CLICOLOR_FORCE`); a disabled
/// style returns the text untouched.
struct TerminalStyle: Sendable {
    enum Color: UInt8, Sendable {
        case yellow = 33
        case green = 32
        case cyan = 36
    }

    var color: Color?
    var bold = false
    var dim = false

    static let boldYellow = TerminalStyle(color: .yellow, bold: true)
    static let bold = TerminalStyle(bold: true)
    static let dim = TerminalStyle(dim: true)
    static let green = TerminalStyle(color: .green)
    static let cyan = TerminalStyle(color: .cyan)

    /// `text` wrapped in this style's escape sequences when `enabled`, else `text` itself.
    func apply(_ text: String, enabled: Bool) -> String {
        guard enabled else { return text }
        var prefix = ""
        if let color { prefix += "\u{1B}[\(color.rawValue)m" }
        if bold { prefix += "\u{1B}[1m" }
        if dim { prefix += "\u{1B}[2m" }
        guard !prefix.isEmpty else { return text }
        return prefix + text + "\u{1B}[0m"
    }
}
