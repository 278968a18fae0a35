/// Which line each frame is labelled with (py-spy's `LineNo`): one setting, chosen once from `--function` and
/// `--nolineno`, read both by the sampler (which line it stores in `Frame.line`) and by the outputs (whether
/// labels and files carry a line).
package enum LineNumbers: Sendable, Hashable {
    /// The line being executed, exactly as `frame.f_lineno` (the default).
    case current
    /// The function's first line (`co_firstlineno`, `--function`), so samples aggregate per function. The
    /// sampler stores it in `Frame.line`; outputs read the same field either way.
    case functionFirstLine
    /// No line numbers at all (`--nolineno`): nothing is decoded, labels drop `:line`, speedscope and
    /// chrometrace write `null`.
    case none

    /// Whether labels and files carry line numbers.
    package var showsLineNumbers: Bool { self != .none }

    /// The setting `record` and `top` derive from their two flags (which cannot both be given).
    package init(function: Bool, noLineNumbers: Bool) {
        self = function ? .functionFirstLine : noLineNumbers ? .none : .current
    }
}
