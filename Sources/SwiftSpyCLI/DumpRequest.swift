import ProfileModel
import ProfileOutput
import PythonIntrospection
import Sampling

/// A `dump` to perform, as plain values: what `DumpCommand` parsed, or what `QuickDumpArguments` recognised
/// without building ArgumentParser's parser at all.
struct DumpRequest: Equatable {
    var pid: Int32
    var fullFilenames = false
    var locals = 0
    var json = false
    var nonblocking = false
    var subprocesses = false

    /// How to sample: pause unless `--nonblocking`, short file names unless `--full-filenames`; a thread whose
    /// stack cannot be read whole is shown as far as it was read, with a marker, rather than lost.
    var sampleOptions: PythonProcess.SampleOptions {
        .init(pause: !nonblocking, shortFilenames: !fullFilenames, locals: locals, keepsPartialStacks: true)
    }

    /// Dumps and prints; a failure is thrown (and reported once, by `SwiftSpyCommand`).
    func run() throws {
        if subprocesses { return try dumpTree() }
        let process = try PythonProcess(pid: pid)
        let stacks = try process.sample(sampleOptions)
        if json {
            print(DumpJSONFormatter.format(stacks), terminator: "")
            return
        }
        let header = DumpProcessHeader(
            pid: pid, commandLine: process.commandLine, pythonVersion: process.version.description,
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
        let tree = ProcessTreeSource(root: pid, options: sampleOptions)
        try tree.waitForFirstProcess(timeout: 0)
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
