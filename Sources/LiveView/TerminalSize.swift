/// A terminal's size in character cells.
public struct TerminalSize: Sendable, Hashable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// What to assume when the size cannot be asked (not a terminal, or it answers zero).
    public static let fallback = TerminalSize(width: 80, height: 24)
}
