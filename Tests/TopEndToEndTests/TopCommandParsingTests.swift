import ArgumentParser
import Testing

@testable import SwiftSpyCLI

/// `swiftspy top`'s flags, parsed without running anything.
@Suite("top command line")
struct TopCommandParsingTests {
    static func parse(_ arguments: [String]) throws -> TopCommand {
        let command = try SwiftSpyCommand.parseAsRoot(["top"] + arguments)
        return try #require(command as? TopCommand)
    }

    static func message(_ arguments: [String]) -> String {
        do {
            _ = try SwiftSpyCommand.parseAsRoot(["top"] + arguments)
            return "parsed"
        } catch {
            return SwiftSpyCommand.message(for: error)
        }
    }

    @Test("py-spy's defaults: 100 Hz, a refresh a second, pausing, short filenames, no idle, no GIL filter")
    func defaults() throws {
        let settings = try Self.parse(["--pid", "42"]).settings
        #expect(settings.rate == 100)
        #expect(settings.delay == 1)
        #expect(!settings.selection.includeIdle && !settings.selection.gilOnly)
        #expect(settings.sampleOptions.pause && settings.sampleOptions.shortFilenames)
    }

    @Test("every flag reaches the settings")
    func flags() throws {
        let command = try Self.parse([
            "-r", "250", "--delay", "0.5", "--gil", "--idle", "--full-filenames", "--nonblocking",
            "--", "python3", "app.py", "--verbose"
        ])
        #expect(command.target.program == ["python3", "app.py", "--verbose"])
        #expect(command.target.pid == nil)
        let settings = command.settings
        #expect(settings.rate == 250 && settings.delay == 0.5)
        #expect(settings.selection.includeIdle && settings.selection.gilOnly)
        #expect(!settings.sampleOptions.pause && !settings.sampleOptions.shortFilenames)
        #expect(try Self.parse(["-p", "0x10", "-g", "-i"]).target.pid?.value == 16)
    }

    @Test("rate and delay must be positive; exactly one target")
    func validation() {
        #expect(Self.message(["--pid", "1", "--rate", "0"]).contains("--rate must be"))
        #expect(Self.message(["--pid", "1", "--delay", "0"]).contains("--delay must be a positive number"))
        #expect(Self.message(["--pid", "1", "--delay=-1"]).contains("--delay must be a positive number"))
        #expect(Self.message(["--pid", "1", "--delay", "nan"]).contains("--delay must be a positive number"))
        #expect(Self.message(["--pid", "1", "--", "python3"]).contains("not both"))
        #expect(Self.message([]).contains("--pid"))
        #expect(Self.message(["--pid", "1", "--subprocesses"]) == "parsed")
    }
}
