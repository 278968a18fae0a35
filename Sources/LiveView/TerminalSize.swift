/// A terminal's size in character cells.
package struct TerminalSize: Sendable, Hashable {
    package var width: Int
    package var height: Int

    package init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// What to assume when the size cannot be asked (not a terminal, or it answers zero).
    package static let fallback = TerminalSize(width: 80, height: 24)
}
