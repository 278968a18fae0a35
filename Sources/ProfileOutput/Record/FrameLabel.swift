import ProfileModel

/// The text that names a frame in collapsed stacks, flamegraphs and `top` (reference §2.1).
package enum FrameLabel {
    /// `name (file:line)` when line numbers are shown and known, `name (file)` when there is a file, else
    /// `name` (the synthetic `thread (…)` and `process …` frames have no file).
    ///
    /// `file` is the short filename when there is one.
    package static func text(for frame: Frame, lineNumbers: LineNumbers) -> String {
        text(name: frame.name, file: frame.displayFilename, line: lineNumbers.showsLineNumbers ? frame.line : 0)
    }

    /// The same rule over plain parts; `line` 0 means none.
    package static func text(name: String, file: String, line: Int) -> String {
        if line != 0 { return "\(name) (\(file):\(line))" }
        if !file.isEmpty { return "\(name) (\(file))" }
        return name
    }
}
