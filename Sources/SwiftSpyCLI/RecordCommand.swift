import ArgumentParser
import ProcessAccess
import ProfileModel
import ProfileOutput
import PythonIntrospection
import Sampling
#if canImport(Glibc)
import Glibc
#endif

/// `swiftspy record`: sample a program until it exits, the duration ends, or Ctrl-C/SIGTERM, and write a
/// profile file. Whatever ends the run, the file is written completely and the target is left running.
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Records stack trace information to a flamegraph, speedscope or trace file.",
        // Options go before `--`: everything after it is the program's own command line.
        usage: """
            swiftspy record [<options>] --pid <pid>
            swiftspy record [<options>] -- <program> [<argument> ...]
            """,
    )

    @OptionGroup var target: TargetOptions
    @OptionGroup var sampling: SamplingOptions

    @Option(
        name: .shortAndLong,
        help: "Output filename (default: <program or pid>-<time>.<extension>, in the current directory).")
    var output: String?

    @Option(name: .shortAndLong, help: "Output file format: flamegraph, raw, speedscope or chrometrace.")
    var format: FormatArgument = FormatArgument(value: .flamegraph)

    @Option(name: .shortAndLong, parsing: .unconditional, help: "The number of seconds to sample for, or 'unlimited'.")
    var duration: DurationArgument = DurationArgument(seconds: nil)

    @Option(
        name: .customLong("min-width"), parsing: .unconditional,
        help: "Flamegraph: leave out frames narrower than this percentage of all samples (0 keeps every frame).")
    var minimumWidth: Double = RecordOutputOptions.defaultMinimumWidthPercent

    @Flag(
        name: [.customShort("F"), .long],
        help: "Aggregate samples by function's first line number, instead of current line number.")
    var function = false

    @Flag(help: "Do not show line numbers.")
    var nolineno = false

    @Flag(name: .shortAndLong, help: "Show thread ids in the output.")
    var threads = false

    @Flag(help: .hidden)
    var hideprogress = false

    @Flag(help: .hidden)
    var capture = false

    func validate() throws {
        guard minimumWidth.isFinite, minimumWidth >= 0, minimumWidth < 100 else {
            throw ValidationError(
                "--min-width must be a percentage from 0 up to (not including) 100 (got \(minimumWidth)).")
        }
        if function, nolineno {
            throw ValidationError(
                "--function and --nolineno can't be used together: one labels frames by the function's first line, the other drops line numbers."
            )
        }
    }

    var lineNumbers: LineNumbers { LineNumbers(function: function, noLineNumbers: nolineno) }

    func run() throws {
        let path =
            output ?? DefaultOutputName.make(program: target.program, pid: target.pid?.value, format: format.value)
        // Prepared before anything starts, so a path that cannot be written is refused now, not after the run.
        let destination = try OutputDestination(path: path, owner: InvokingUser.current()?.fileOwner)
        StopSignals.install()

        let options = PythonProcess.SampleOptions(
            pause: !sampling.reading.nonblocking, threadNames: true, shortFilenames: !sampling.reading.fullFilenames,
            lines: lineNumbers, threadActivity: !sampling.idle,
            gilOwnership: sampling.gil || !sampling.idle)
        let profiled = try ProfiledTarget.start(
            target, subprocesses: sampling.reading.subprocesses, options: options,
            gilOnly: sampling.gil, captureOutput: capture)
        defer { profiled.stop() }
        let session = RecordSession(
            source: profiled.source, format: format.value, lineNumbers: lineNumbers, rate: sampling.rate,
            minimumWidth: minimumWidth,
            duration: duration.seconds,
            title: (["swiftspy"] + CommandLine.arguments.dropFirst()).joined(separator: " "),
            selection: StackSelection(includeIdle: sampling.idle, gilOnly: sampling.gil, addThreadFrames: threads),
            showProgress: !hideprogress)
        try session.run(writingTo: destination)
    }
}

/// A `--format` value, case-insensitive like py-spy's.
struct FormatArgument: ExpressibleByArgument {
    var value: OutputFormat

    init(value: OutputFormat) { self.value = value }

    init?(argument: String) {
        guard let format = OutputFormat(parsing: argument) else { return nil }
        value = format
    }

    var defaultValueDescription: String { value.rawValue }
    static var allValueStrings: [String] { OutputFormat.allCases.map(\.rawValue) }
}

/// A `--duration` value: seconds (a positive number) or `unlimited`.
struct DurationArgument: ExpressibleByArgument {
    var seconds: Double?

    init(seconds: Double?) { self.seconds = seconds }

    init?(argument: String) {
        if argument.lowercased() == "unlimited" {
            seconds = nil
            return
        }
        guard let value = Double(argument), value > 0, value.isFinite else { return nil }
        seconds = value
    }

    var defaultValueDescription: String { seconds.map { String($0) } ?? "unlimited" }
}
