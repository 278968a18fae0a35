/// What is being sampled, for the first line of the screen.
package struct TopHeader: Sendable, Equatable {
    /// The target's command line, or `Pid N` when it has none.
    package var target: String
    package var pythonVersion: String
    /// With `--subprocesses`: the title says so and the activity line counts processes.
    package var subprocesses: Bool
    /// A free-threaded target: there is no GIL, and the activity line says so instead of showing 0 %.
    package var freeThreaded: Bool

    package init(target: String, pythonVersion: String, subprocesses: Bool = false, freeThreaded: Bool = false) {
        self.target = target
        self.pythonVersion = pythonVersion
        self.subprocesses = subprocesses
        self.freeThreaded = freeThreaded
    }
}

/// Whether the screen is the live view or the last picture left behind when the target has gone.
package enum TopScreenMode: Sendable, Equatable {
    /// Fills the terminal, with the key hint at the bottom.
    case live
    /// Only the lines with content, ending with `message` instead of the key hint.
    case final(message: String)
}

/// Turns a snapshot and a terminal size into the screen's lines (reference §4.2). Pure: the terminal layer
/// draws the result. Every line fits the width (nothing can wrap and push the screen out of place), and a
/// live screen has exactly `height` lines, so a redraw overwrites everything the previous one showed.
package struct TopRenderer: Sendable {
    package var size: TerminalSize
    /// Add ANSI attributes (reverse-video header, bold sorted column, red warning).
    package var styled: Bool

    package init(size: TerminalSize, styled: Bool = false) {
        self.size = size
        self.styled = styled
    }

    package static let keyHint = "Press q or Control-C to quit, or ? for help."

    package func render(header: TopHeader, snapshot: TopSnapshot, mode: TopScreenMode = .live) -> [String] {
        let width = max(1, size.width)
        let style = ScreenStyle(enabled: styled)
        let options = snapshot.options
        var top: [String] = []
        if let lag = snapshot.lag {
            let warning =
                "\(TopFormat.fixed(lag, decimals: 2))s behind in sampling, results may be inaccurate. "
                + "Try reducing the sampling rate."
            top.append(style.red(TopFormat.truncate(warning, width)))
        }
        top.append(titleLine(header, width: width))
        top.append(fit(totalLine(snapshot), width))
        top.append(
            fit(
                activityLine(
                    snapshot, width: width, subprocesses: header.subprocesses,
                    freeThreaded: header.freeThreaded), width))
        top.append("")
        if options.showHelp {
            top += TopHelp.lines.map { TopFormat.truncate($0, width) }
            top.append("")
        }
        let layout = TopTableLayout(width: width, sortColumn: options.sortColumn)
        top.append(headerLine(layout.header(options: options), width: width, style: style))

        let footer: String
        switch mode {
        case .live: footer = TopFormat.truncate(Self.keyHint, width)
        case .final(let message): footer = fit(message, width)
        }
        let room = max(0, size.height - top.count - 1)
        var lines = top + snapshot.rows.prefix(room).map { layout.row($0, width: width) }
        if mode == .live {
            lines += Array(repeating: "", count: max(0, size.height - 1 - lines.count))
        }
        lines.append(footer)
        return Self.clipped(lines, height: size.height)
    }

    /// `Collecting samples from '<command>' (python v<version>)`. A command too long for the width loses its
    /// start (usually the interpreter's path), so the script's name and the version stay in view.
    func titleLine(_ header: TopHeader, width: Int) -> String {
        let command = ScreenText.sanitized(header.target)
        let before = "Collecting samples from '"
        let after =
            header.subprocesses
            ? "' and subprocesses" : "' (python v\(ScreenText.sanitized(header.pythonVersion)))"
        let room = width - before.count - after.count
        if command.count <= room || room < 8 {
            return TopFormat.truncate(before + command + after, width)
        }
        return before + "…" + String(command.suffix(room - 1)) + after
    }

    /// `GIL: a%, Active: b%, Threads: t` (`GIL: none (free-threaded)` for a build without one), or a terser
    /// form that keeps the thread count on narrow terminals.
    func activityLine(_ snapshot: TopSnapshot, width: Int, subprocesses: Bool = false, freeThreaded: Bool = false)
        -> String
    {
        let gil = freeThreaded ? "none (free-threaded)" : TopFormat.fixed(snapshot.gilPercent, decimals: 2) + "%"
        let active = TopFormat.fixed(snapshot.activePercent, decimals: 2)
        let processes = subprocesses ? ", Processes: \(snapshot.processCount)" : ""
        let line = "GIL: \(gil), Active: \(active)%, Threads: \(snapshot.threadCount)\(processes)"
        guard line.count > width else { return line }
        let terse = subprocesses ? " Processes \(snapshot.processCount)" : ""
        let terseGIL = freeThreaded ? "none" : gil
        return "GIL \(terseGIL) Active \(active)% Threads \(snapshot.threadCount)\(terse)"
    }

    /// `Total Samples N`, with the error rate and the last error once errors are worth mentioning.
    func totalLine(_ snapshot: TopSnapshot) -> String {
        var line = "Total Samples \(snapshot.totalSamples)"
        if snapshot.showsErrorRate {
            line += ", Error Rate \(TopFormat.fixed(snapshot.errorRate, decimals: 2))%"
            if let error = snapshot.lastError {
                let firstLine = error.split(separator: "\n", omittingEmptySubsequences: false).first ?? ""
                line += " (\(firstLine))"
            }
        }
        return line
    }

    /// Text that may come from the target, made safe and cut to the width.
    func fit(_ text: String, _ width: Int) -> String {
        TopFormat.truncate(ScreenText.sanitized(text), width)
    }

    /// The header bar: cut to the width, padded to it (so the reverse video spans the line), then styled.
    func headerLine(_ parts: [(text: String, sorted: Bool)], width: Int, style: ScreenStyle) -> String {
        var remaining = width
        var line = ""
        for part in parts where remaining > 0 {
            let text = String(part.text.prefix(remaining))
            remaining -= text.count
            line += part.sorted ? style.bold(text) : text
        }
        guard style.enabled else { return line }
        return style.reverse(line + String(repeating: " ", count: remaining))
    }

    /// A screen taller than the terminal keeps its top and its last line (the key hint or the final message).
    static func clipped(_ lines: [String], height: Int) -> [String] {
        guard lines.count > height else { return lines }
        guard height >= 2, let last = lines.last else { return Array(lines.prefix(max(0, height))) }
        return Array(lines.prefix(height - 1)) + [last]
    }
}
