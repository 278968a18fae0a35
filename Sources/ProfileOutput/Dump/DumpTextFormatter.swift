import ProfileModel

/// What `dump` prints above the threads of one process.
package struct DumpProcessHeader: Sendable, Hashable {
    /// The process being dumped.
    package var pid: Int32
    /// Its command line, already joined by single spaces (`/proc/<pid>/cmdline`).
    package var commandLine: String
    /// The interpreter version without the leading `v`, e.g. `3.11.7`.
    package var pythonVersion: String
    /// Where `/proc/<pid>/exe` points.
    package var executablePath: String
    /// The parent, printed as `Parent Process …` only for children shown by `dump --subprocesses`.
    package var parent: ParentProcess?

    package init(
        pid: Int32, commandLine: String, pythonVersion: String, executablePath: String, parent: ParentProcess? = nil
    ) {
        self.pid = pid
        self.commandLine = commandLine
        self.pythonVersion = pythonVersion
        self.executablePath = executablePath
        self.parent = parent
    }

    /// The parent line's content.
    package struct ParentProcess: Sendable, Hashable {
        package var pid: Int32
        package var commandLine: String

        package init(pid: Int32, commandLine: String) {
            self.pid = pid
            self.commandLine = commandLine
        }
    }
}

/// Renders `dump`'s human-readable text exactly as py-spy 0.4 prints it (reference §3.1):
///
/// ```
/// Process 11872: /usr/bin/python3 work.py
/// Python v3.11.7 (/usr/bin/python3.11)
///
/// Thread 11872 (active+gil): "MainThread"
///     leaf (work.py:6)
/// ```
///
/// Threads are printed in the order given: py-spy reverses the interpreter's list so the oldest thread comes
/// first, and that choice belongs to the caller, which knows where the list came from.
package struct DumpTextFormatter: Sendable {
    /// Colour like py-spy (pid and tid bold yellow, version bold, executable dim, names green, files cyan,
    /// line numbers and locals headers dim).
    package var useColor: Bool

    package init(useColor: Bool = false) {
        self.useColor = useColor
    }

    /// The whole dump of one process: header, blank line, then every thread. Each line ends with `\n`.
    package func format(header: DumpProcessHeader, threads: [ThreadStack]) -> String {
        var out = headerText(header)
        for thread in threads {
            out += threadText(thread)
        }
        return out
    }

    /// `Process …`, `Python v… (…)`, the optional `Parent Process …` line, and the blank line after them.
    package func headerText(_ header: DumpProcessHeader) -> String {
        var out = "Process \(style(.boldYellow, String(header.pid))): \(header.commandLine)\n"
        out += "Python v\(style(.bold, header.pythonVersion)) (\(style(.dim, header.executablePath)))\n"
        if let parent = header.parent {
            out += "Parent Process \(style(.boldYellow, String(parent.pid))): \(parent.commandLine)\n"
        }
        out += "\n"
        return out
    }

    /// One thread: its `Thread …` line, then its frames innermost first, each followed by its locals.
    package func threadText(_ thread: ThreadStack) -> String {
        var out = "Thread \(style(.boldYellow, thread.displayThreadID)) (\(thread.statusLabel))"
        if let name = thread.threadName {
            out += ": \"\(name)\""
        }
        out += "\n"
        for (index, frame) in thread.frames.enumerated() {
            out += frameText(frame, locals: thread.locals(ofFrame: index))
        }
        return out
    }

    /// What `dump --subprocesses` prints between one process and the next: an empty line, then a dim rule
    /// of `width` dashes (py-spy uses the terminal width, or 80 when stdout is not a terminal).
    package func subprocessSeparator(width: Int) -> String {
        "\n" + style(.dim, String(repeating: "-", count: max(0, width))) + "\n"
    }

    private func frameText(_ frame: Frame, locals: [LocalVariable]?) -> String {
        let file = style(.cyan, frame.displayFilename)
        var out = "    \(style(.green, frame.name)) ("
        out += frame.line != 0 ? "\(file):\(style(.dim, String(frame.line))))\n" : "\(file))\n"
        guard let locals else { return out }
        // The headers follow py-spy's rule literally: `Arguments:` before the first argument, `Locals:`
        // before the first non-argument. CPython lists arguments first, so each header appears at most once.
        var shownArguments = false
        var shownLocals = false
        for local in locals {
            if local.isArgument && !shownArguments {
                out += "        \(style(.dim, "Arguments:"))\n"
                shownArguments = true
            } else if !local.isArgument && !shownLocals {
                out += "        \(style(.dim, "Locals:"))\n"
                shownLocals = true
            }
            out += "            \(local.name): \(local.repr ?? "?")\n"
        }
        return out
    }

    private func style(_ style: TerminalStyle, _ text: String) -> String {
        style.apply(text, enabled: useColor)
    }
}
