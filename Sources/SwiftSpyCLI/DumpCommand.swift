import ArgumentParser
import ProfileModel
import ProfileOutput
import PythonIntrospection
import Sampling
#if canImport(Glibc)
import Glibc
#endif

/// `swiftspy dump`: print the Python stack of every thread of a running process, once.
struct DumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Dumps stack traces for a target program to stdout."
    )

    @Option(name: .shortAndLong, help: "PID of a running python program to dump (decimal or 0x hex).")
    var pid: PIDArgument

    @Flag(help: "Show full Python filenames instead of shortening them.")
    var fullFilenames = false

    @Flag(name: .shortAndLong, help: """
        Show the arguments and local variables of each frame. Repeat (-ll) for longer values (128 characters \
        per -l).
        """)
    var locals: Int

    @Flag(name: .shortAndLong, help: "Format output as JSON.")
    var json = false

    @Flag(help: "Don't pause the python process when collecting samples (faster, may be inconsistent).")
    var nonblocking = false

    @Flag(name: .shortAndLong, help: "Also dump every Python subprocess of the process.")
    var subprocesses = false

    var sampleOptions: PythonProcess.SampleOptions {
        .init(pause: !nonblocking, shortFilenames: !fullFilenames, locals: locals)
    }

    func run() throws {
        if subprocesses { return try dumpTree() }
        let stacks: [ThreadStack]
        let process: PythonProcess
        do {
            process = try PythonProcess(pid: pid.value)
            stacks = try process.sample(sampleOptions)
        } catch {
            throw CommandFailure.exit(error)
        }
        if json {
            print(DumpJSONFormatter.format(stacks), terminator: "")
            return
        }
        let header = DumpProcessHeader(
            pid: pid.value, commandLine: process.commandLine, pythonVersion: process.version.description,
            executablePath: process.executablePath)
        // CPython links new threads at the head of its list; print oldest (usually the main thread) first.
        var text = DumpTextFormatter(useColor: ColorPolicy.stdoutWantsColor())
            .format(header: header, threads: stacks.reversed())
        if text.hasSuffix("\n") { text.removeLast() }
        print(text)
    }

    /// `--subprocesses`: the process (when it is Python) and then each Python descendant, parents first. Text
    /// separates them with a rule and names each child's parent; JSON lists every process's threads, each
    /// with its `process_info` chain (py-spy drops the children from JSON).
    private func dumpTree() throws {
        let tree = ProcessTreeSource(root: pid.value, options: sampleOptions)
        do { try tree.waitForFirstProcess(timeout: 0) } catch { throw CommandFailure.exit(error) }
        let dumped = tree.sampleByProcess()
        if json {
            let all = dumped.flatMap { entry in
                (entry.stacks ?? []).map { stack -> ThreadStack in
                    var stack = stack
                    stack.processInfo = tree.processInfo(entry.process.pid)
                    return stack
                }
            }
            print(DumpJSONFormatter.format(all), terminator: "")
            return
        }
        let formatter = DumpTextFormatter(useColor: ColorPolicy.stdoutWantsColor())
        var text = ""
        for (index, entry) in dumped.enumerated() {
            let process = entry.process
            if index > 0 { text += formatter.subprocessSeparator(width: TerminalWidth.current()) }
            let parent = tree.processInfo(process.pid).parent
            let header = DumpProcessHeader(
                pid: process.pid, commandLine: process.commandLine, pythonVersion: process.version.description,
                executablePath: process.executablePath,
                parent: parent.map { DumpProcessHeader.ParentProcess(pid: $0.pid, commandLine: $0.commandLine) })
            text += formatter.format(header: header, threads: (entry.stacks ?? []).reversed())
            if entry.stacks == nil { text += "(the process could not be read: it may have exited)\n" }
        }
        if text.hasSuffix("\n") { text.removeLast() }
        print(text)
    }
}

/// The terminal's width for separators, or 80 when stdout is not a terminal (as py-spy).
enum TerminalWidth {
    static func current() -> Int {
        var size = winsize()
        guard isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else {
            return 80
        }
        return Int(size.ws_col)
    }
}
