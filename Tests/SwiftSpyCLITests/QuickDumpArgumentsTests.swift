import ArgumentParser
import Testing
@testable import SwiftSpyCLI

/// The quick path must agree with ArgumentParser wherever it answers, and leave everything else to it.
@Suite struct QuickDumpArgumentsTests {
    @Test(arguments: [
        ["dump", "--pid", "123"],
        ["dump", "-p", "0x1F"],
        ["dump", "--pid", " 42 "],
        ["dump", "--json", "--pid", "7", "--nonblocking"],
        ["dump", "-j", "-s", "-p", "7", "--full-filenames", "-l", "--locals", "-l"],
        ["dump", "--subprocesses", "--pid", "9"]
    ])
    func agreesWithArgumentParser(arguments: [String]) throws {
        let quick = try #require(QuickDumpArguments.request(from: arguments))
        let parsed = try #require(try SwiftSpyCommand.parseAsRoot(arguments) as? DumpCommand)
        #expect(quick == parsed.request)
    }

    @Test(arguments: [
        [], ["dump"], ["record", "--pid", "1"], ["dump", "--help"], ["dump", "-h"], ["help", "dump"],
        ["dump", "--pid=1"], ["dump", "-p1"], ["dump", "-lj", "-p", "1"], ["dump", "-ll", "-p", "1"],
        ["dump", "--pid", "1", "--pid", "2"], ["dump", "--json", "-j", "--pid", "1"], ["dump", "--pid"],
        ["dump", "--pid", "-1"], ["dump", "--pid", "0"], ["dump", "--pid", "abc"], ["dump", "--pid", "1", "--"],
        ["dump", "--pid", "1", "extra"], ["dump", "--version", "--pid", "1"], ["--version"],
        ["dump", "--generate-completion-script", "bash"], ["dump", "--pid", "1", "--no-json"]
    ])
    func leavesEverythingElseToArgumentParser(arguments: [String]) {
        #expect(QuickDumpArguments.request(from: arguments) == nil)
    }

    @Test func pidsAreTrimmedDecimalOrHex() {
        #expect(PIDArgument(argument: "  12 ")?.value == 12)
        #expect(PIDArgument(argument: "0x10")?.value == 16)
        #expect(PIDArgument(argument: "0X10")?.value == 16)
        #expect(PIDArgument(argument: "   ") == nil)
        #expect(PIDArgument(argument: "1 2") == nil)
        #expect(PIDArgument(argument: "-3") == nil)
    }
}
