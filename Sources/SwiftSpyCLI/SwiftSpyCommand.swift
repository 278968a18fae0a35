import ArgumentParser

/// `swiftspy`: the root command. Subcommands do the work; each lives in its own file.
public struct SwiftSpyCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "swiftspy",
        abstract: "A sampling profiler for Python programs.",
        discussion: "Reads a running CPython process's memory from outside: no code injected, no restart.",
        version: SwiftSpyVersion.current,
        subcommands: [RecordCommand.self, DumpCommand.self]
    )

    public init() {}
}

/// The version `swiftspy --version` prints.
public enum SwiftSpyVersion {
    public static let current = "swiftspy 0.1.0"
}
