import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// How a failure reaches the user: the commands throw, and `SwiftSpyCommand.runFromCommandLine` reports it once,
/// as one `Error: …` line on stderr and exit status 1 (py-spy's convention), after what the command printed on
/// stdout. Usage errors are ArgumentParser's, mapped to exit status 2 there.
enum CommandFailure {
    static func report(_ error: any Error) -> Never {
        flushStdout()
        printError("Error: \(error)")
        Glibc.exit(1)
    }

    static func printError(_ message: String) {
        var line = message
        if !line.hasSuffix("\n") { line += "\n" }
        _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
    }
}

/// Whether to colour output written to stdout: only on a terminal, honouring `NO_COLOR` and `CLICOLOR_FORCE`.
enum ColorPolicy {
    static func stdoutWantsColor() -> Bool {
        if let force = getenv("CLICOLOR_FORCE"), String(cString: force) != "0" { return true }
        if getenv("NO_COLOR") != nil { return false }
        if let clicolor = getenv("CLICOLOR"), String(cString: clicolor) == "0" { return false }
        return isatty(STDOUT_FILENO) == 1
    }
}
