import ArgumentParser
import ProfileOutput
import Testing
@testable import SwiftSpyCLI

/// The command line parses as py-spy's does, without running anything.
@Suite struct CommandLineTests {
    @Test func recordParsesLikePySpy() throws {
        let long = try SwiftSpyCommand.parseAsRoot(["record", "--pid", "1234", "--output", "foo"]) as? RecordCommand
        let short = try SwiftSpyCommand.parseAsRoot(["record", "-p", "0x4d2", "-o", "foo"]) as? RecordCommand
        #expect(long?.target.pid?.value == 1234 && short?.target.pid?.value == 1234)
        #expect(long?.format.value == .flamegraph && long?.output == "foo")
        let launch =
            try SwiftSpyCommand.parseAsRoot(["record", "-f", "SpeedScope", "--", "python", "test.py"]) as? RecordCommand
        #expect(launch?.target.program == ["python", "test.py"])
        #expect(launch?.format.value == .speedscope)
        let flags =
            try SwiftSpyCommand.parseAsRoot([
                "record", "-p", "1", "--idle", "--gil", "--threads", "-d", "2.5", "-r", "250"
            ]) as? RecordCommand
        #expect(flags?.sampling.idle == true && flags?.sampling.gil == true && flags?.threads == true)
        #expect(flags?.duration.seconds == 2.5 && flags?.sampling.rate == 250)
    }

    @Test func refusesNonsense() {
        for arguments in [
            ["record", "-o", "x"],  // no target
            ["record", "-p", "1", "--", "python"],  // both targets
            ["record", "-p", "abc"],  // bad pid
            ["record", "-p", "1", "-f", "unknown"],  // bad format
            ["record", "-p", "1", "-d", "-3"],  // bad duration
            ["record", "-p", "1", "-r", "0"],  // bad rate
            ["record", "-p", "1", "--function", "--nolineno"],
            ["dump"],  // dump needs --pid
            ["dump", "--pid", "0"],
            ["frobnicate"]
        ] {
            #expect(throws: (any Error).self, "\(arguments)") { try SwiftSpyCommand.parseAsRoot(arguments) }
        }
    }

    @Test func conflictMessagesSayWhatToDo() {
        let message = SwiftSpyCommand.message(for: ValidationError("x"))
        #expect(!message.isEmpty)
        do {
            _ = try SwiftSpyCommand.parseAsRoot(["record", "-p", "1", "-F", "--nolineno"])
            Issue.record("accepted --function with --nolineno")
        } catch {
            #expect(SwiftSpyCommand.message(for: error).contains("--function and --nolineno can't be used together"))
        }
    }

    /// A negative number after an option is that option's (bad) value, not a missing value and another flag.
    @Test func negativeNumbersAreReportedAsBadValues() {
        for (arguments, expected) in [
            (["record", "--rate", "-5", "--", "python3"], "--rate must be a number of samples per second"),
            (["top", "-r", "-5", "-p", "1"], "--rate must be a number of samples per second"),
            (["record", "-d", "-5", "-p", "1"], "The value '-5' is invalid for '-d <duration>'"),
            (["dump", "-p", "-3"], "The value '-3' is invalid for '-p <pid>'"),
            (["top", "--delay", "-1", "-p", "1"], "--delay must be a positive number")
        ] {
            do {
                _ = try SwiftSpyCommand.parseAsRoot(arguments)
                Issue.record("accepted \(arguments)")
            } catch {
                let message = SwiftSpyCommand.message(for: error)
                #expect(message.contains(expected) && !message.contains("Missing value"), "\(arguments): \(message)")
            }
        }
    }

    /// Options come before `--`; the usage lines must not suggest putting them after the program.
    @Test func usageLinesPutOptionsBeforeTheProgram() {
        for help in [
            SwiftSpyCommand.helpMessage(for: RecordCommand.self), SwiftSpyCommand.helpMessage(for: TopCommand.self)
        ] {
            let usage = help.components(separatedBy: "ARGUMENTS:").first ?? ""
            #expect(usage.contains("[<options>] -- <program>"), "\(usage)")
            #expect(!usage.contains("[<program> ...] [--"), "\(usage)")
        }
    }

    @Test func durationAndFormatValues() {
        #expect(DurationArgument(argument: "unlimited")?.seconds == nil)
        #expect(DurationArgument(argument: "UNLIMITED") != nil)
        #expect(DurationArgument(argument: "10")?.seconds == 10)
        #expect(DurationArgument(argument: "0") == nil)
        #expect(DurationArgument(argument: "inf") == nil)
        #expect(FormatArgument(argument: "RAW")?.value == .raw)
        #expect(FormatArgument(argument: "svg") == nil)
    }

    @Test func defaultOutputNamesStayInTheCurrentDirectory() {
        let name = DefaultOutputName.make(
            program: ["/root/.pyenv/versions/3.11.7/bin/python3", "app.py"], pid: nil,
            format: .flamegraph, now: 0)
        #expect(name.hasPrefix("python3-1970-01-01T") && name.hasSuffix(".svg") && !name.contains("/"))
        #expect(DefaultOutputName.make(program: [], pid: 42, format: .speedscope, now: 0).hasPrefix("42-"))
        #expect(DefaultOutputName.make(program: [], pid: 42, format: .raw, now: 0).hasSuffix(".txt"))
    }

    @Test func progressShowsSecondsLikePySpy() {
        #expect(ProgressLine.seconds(1.656) == "1.66s")
        #expect(ProgressLine.seconds(12.0) == "12.00s")
        #expect(ProgressLine.seconds(0.05) == "0.05s")
    }
}
