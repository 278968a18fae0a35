import ArgumentParser
import Testing
@testable import SwiftSpyCLI

/// `dump -l/--locals` is a counted flag, as in py-spy: each one allows 128 more characters per value.
@Suite struct DumpLocalsFlagTests {
    @Test(arguments: [
        (["dump", "-p", "1"], 0),
        (["dump", "-p", "1", "-l"], 1),
        (["dump", "-p", "1", "--locals"], 1),
        (["dump", "-p", "1", "-ll"], 2),
        (["dump", "-p", "1", "--locals", "-l", "--json"], 2),
        (["dump", "-lllj", "-p", "1"], 3)
    ])
    func countsLocalsFlags(arguments: [String], count: Int) throws {
        let dump = try #require(try SwiftSpyCommand.parseAsRoot(arguments) as? DumpCommand)
        #expect(dump.locals == count)
    }
}
