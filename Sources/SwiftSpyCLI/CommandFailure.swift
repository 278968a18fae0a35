import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// Prints a failure as one `Error: …` line on stderr and exits with status 1 (py-spy's convention); usage
/// errors are ArgumentParser's, mapped to exit status 2 in `runFromCommandLine`.
enum CommandFailure {
    static func exit(_ error: any Error) -> ExitCode {
        printError("Error: \(error)")
        return ExitCode(1)
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
