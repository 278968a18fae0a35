import ArgumentParser
import ProfileModel
import ProfileOutput
import PythonIntrospection

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

    func run() throws {
        let stacks: [ThreadStack]
        let process: PythonProcess
        do {
            process = try PythonProcess(pid: pid.value)
            stacks = try process.sample(.init(pause: !nonblocking, shortFilenames: !fullFilenames, locals: locals))
        } catch {
            throw CommandFailure.exit(error)
        }
        if json {
            print(DumpJSONFormatter.format(stacks))
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
}
