import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// `swiftspy`: the root command. Subcommands do the work; each lives in its own file.
package struct SwiftSpyCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "swiftspy",
        abstract: "A sampling profiler for Python programs.",
        discussion: "Reads a running CPython process's memory from outside: no code injected, no restart.",
        version: SwiftSpyVersion.current,
        subcommands: [RecordCommand.self, DumpCommand.self, TopCommand.self]
    )

    package init() {}
}

/// The version `swiftspy --version` prints.
package enum SwiftSpyVersion {
    package static let current = "swiftspy 0.1.0"
}

extension SwiftSpyCommand {
    /// Parses and runs, exiting with py-spy's codes: 0 on success, 1 on a runtime error, and 2 on a usage error
    /// (ArgumentParser's own default for usage errors is 64). A plain `dump` command line skips building
    /// ArgumentParser's parser (`QuickDumpArguments`); everything else is parsed by it. A command's error is
    /// reported here and nowhere else.
    package static func runFromCommandLine(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        do {
            if let dump = QuickDumpArguments.request(from: arguments) {
                try dump.run()
            } else {
                var command = parseCommandLine(arguments)
                guard command is RecordCommand || command is DumpCommand || command is TopCommand else {
                    // ArgumentParser's own (`swiftspy help record`): what it throws is its to report.
                    do { try command.run() } catch { Self.exit(withError: error) }
                    Self.exit()
                }
                try command.run()
            }
        } catch let error as CleanExit {
            Self.exit(withError: error)  // help or version asked for
        } catch let error as ExitCode {
            Self.exit(withError: error)
        } catch {
            CommandFailure.report(error)
        }
        Self.exit()
    }

    /// The command the arguments name; a usage error ends the process here, with ArgumentParser's message and
    /// status 2 (help and version requests with theirs).
    private static func parseCommandLine(_ arguments: [String]) -> any ParsableCommand {
        do {
            return try parseAsRoot(arguments)
        } catch {
            guard exitCode(for: error) == .validationFailure else { Self.exit(withError: error) }
            CommandFailure.printError(fullMessage(for: error))
            Glibc.exit(2)
        }
    }
}
