import ArgumentParser
import LiveView
import ProfileOutput
import PythonIntrospection
import Sampling
#if canImport(Glibc)
import Glibc
#endif

/// `swiftspy top`: a live, top-like view of the functions a running program spends its time in (reference
/// §1.3 and §4). Parsing and checks live here; `ProfiledTarget` attaches and `TopSession` runs the screen.
struct TopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "top",
        abstract: "Displays a top like view of functions consuming CPU.",
        // Options go before `--`: everything after it is the program's own command line.
        usage: """
            swiftspy top [<options>] --pid <pid>
            swiftspy top [<options>] -- <program> [<argument> ...]
            """,
        discussion: """
            Keys: 1-4 sort by %Own, %Total, OwnTime or TotalTime (again to reverse), L toggles aggregating by \
            line, R resets the statistics, ? shows help, X hides it, q or Control-C quits.
            """
    )

    @OptionGroup var target: TargetOptions
    @OptionGroup var sampling: SamplingOptions

    @Option(parsing: .unconditional, help: "Seconds between refreshes of the screen.")
    var delay: Double = 1.0

    func validate() throws {
        guard delay.isFinite, delay > 0 else {
            throw ValidationError("--delay must be a positive number of seconds between refreshes (got \(delay)).")
        }
    }

    /// The settings the session runs with.
    var settings: TopSettings {
        TopSettings(
            rate: Double(sampling.rate), delay: delay,
            selection: StackSelection(includeIdle: sampling.idle, gilOnly: sampling.gil),
            sampleOptions: .init(pause: !sampling.reading.nonblocking, shortFilenames: !sampling.reading.fullFilenames))
    }

    func run() throws {
        // Checked before anything is launched or attached: without a terminal there is nothing to show.
        guard Terminal.isTerminal() else { throw TerminalError.notATerminal }
        StopSignals.install()  // also unblocks SIGINT/SIGTERM if a parent left them blocked
        let watched = try ProfiledTarget.start(
            target, subprocesses: sampling.reading.subprocesses,
            options: settings.sampleOptions, gilOnly: sampling.gil,
            captureOutput: true)
        defer { watched.stop() }
        let outcome = try TopSession(target: watched, settings: settings).run()
        if case .targetExited(let finalScreen) = outcome {
            // The view has gone with the alternate screen; leave its last picture and the reason behind.
            print(finalScreen.joined(separator: "\n"))
            if let output = watched.outputTail(lines: 10) {
                CommandFailure.printError("Last lines of the program's output:\n\(output)")
            }
        }
    }
}

/// What `top` runs with, gathered from the flags.
struct TopSettings: Sendable {
    var rate: Double
    var delay: Double
    var selection: StackSelection
    var sampleOptions: PythonProcess.SampleOptions
}
