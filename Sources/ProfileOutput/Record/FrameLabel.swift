import ProfileModel

/// Which line a frame is labelled with in `record` and `top` (py-spy's `LineNo`).
public enum LineNumberMode: Sendable, Hashable {
    /// The line being executed (the default).
    case currentLine
    /// The function's first line (`--function`), so samples aggregate per function. The sampler stores
    /// `co_firstlineno` in `Frame.line` in this mode; outputs read the same field either way.
    case functionFirstLine
    /// No line numbers at all (`--nolineno`): labels drop `:line`, speedscope and chrometrace write `null`.
    case none

    /// Whether labels and files carry line numbers.
    public var showsLineNumbers: Bool { self != .none }
}

/// The text that names a frame in collapsed stacks, flamegraphs and `top` (reference §2.1).
public enum FrameLabel {
    /// `name (file:line)` when line numbers are shown and known, `name (file)` when there is a file, else
    /// `name` (the synthetic `thread (…)` and `process …` frames have no file).
    ///
    /// `file` is the short filename when there is one.
    public static func text(for frame: Frame, lineNumbers: LineNumberMode) -> String {
        text(name: frame.name, file: frame.displayFilename, line: lineNumbers.showsLineNumbers ? frame.line : 0)
    }

    /// The same rule over plain parts; `line` 0 means none.
    public static func text(name: String, file: String, line: Int) -> String {
        if line != 0 { return "\(name) (\(file):\(line))" }
        if !file.isEmpty { return "\(name) (\(file))" }
        return name
    }
}
