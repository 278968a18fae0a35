import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// `swiftspy dump`: print the Python stack of every thread of a running process, once.
struct DumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Dumps stack traces for a target program to stdout."
    )

    @Option(
        name: .shortAndLong, parsing: .unconditional,
        help: "PID of a running python program to dump (decimal or 0x hex).")
    var pid: PIDArgument

    @Flag(
        name: .shortAndLong,
        help: """
            Show the arguments and local variables of each frame. Repeat (-ll) for longer values (128 characters \
            per -l).
            """)
    var locals: Int

    @Flag(name: .shortAndLong, help: "Format output as JSON.")
    var json = false

    @OptionGroup var reading: ReadingOptions

    /// What was asked for, as plain values.
    var request: DumpRequest {
        DumpRequest(
            pid: pid.value, fullFilenames: reading.fullFilenames, locals: locals, json: json,
            nonblocking: reading.nonblocking, subprocesses: reading.subprocesses)
    }

    func run() throws { try request.run() }
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
