import ProfileOutput

/// Number and text formatting for the `top` screen, without Foundation (no locale can change a decimal point).
package enum TopFormat {
    /// `value` with exactly `decimals` places, rounded half away from zero: `12.50`.
    package static func fixed(_ value: Double, decimals: Int) -> String {
        DecimalText.fixed(value, decimals: decimals)
    }

    /// A percentage as the table shows it: two decimals right-aligned in six columns, then `%` (` 12.50%`).
    package static func percent(_ value: Double) -> String {
        padLeft(fixed(value, decimals: 2), 6) + "%"
    }

    /// Seconds with fewer decimals as they grow, so the columns keep their width (reference §4.2):
    /// `0.080`, `3.00`, `123.4`, `1234`.
    package static func seconds(_ value: Double) -> String {
        let decimals: Int
        switch value {
        case let v where v > 1000: decimals = 0
        case let v where v >= 100: decimals = 1
        case let v where v >= 1: decimals = 2
        default: decimals = 3
        }
        return fixed(value, decimals: decimals)
    }

    /// `text` right-aligned in `width` columns (never cut).
    package static func padLeft(_ text: String, _ width: Int) -> String {
        let count = text.count
        return count >= width ? text : String(repeating: " ", count: width - count) + text
    }

    /// `text` left-aligned in `width` columns (never cut).
    package static func padRight(_ text: String, _ width: Int) -> String {
        let count = text.count
        return count >= width ? text : text + String(repeating: " ", count: width - count)
    }

    /// `text` cut to `width` columns, ending in `…` when something was cut.
    package static func truncate(_ text: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        guard text.count > width else { return text }
        return String(text.prefix(width - 1)) + "…"
    }

    /// A frame label that fits `width` columns. What gets cut is chosen to keep what identifies the row: the
    /// function name and the end of the file name (`leaf (…/pkg/work.py:6)`), so long `--full-filenames`
    /// paths lose their uninteresting start. Only when even that does not fit is the label cut at the end.
    package static func label(_ key: FrameKey, width: Int) -> String {
        let full = FrameLabel.text(name: key.name, file: key.file, line: key.line)
        guard full.count > width else { return full }
        if !key.file.isEmpty {
            let suffix = key.line != 0 ? ":\(key.line))" : ")"
            let room = width - key.name.count - " (…".count - suffix.count
            if room >= 1 {
                return key.name + " (…" + String(key.file.suffix(room)) + suffix
            }
        }
        return truncate(full, width)
    }
}
