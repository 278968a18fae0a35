/// Recognises the plain `dump` command lines that scripts and monitors run again and again
/// (`swiftspy dump --pid 123`, with any of dump's flags spelled out separately) without building
/// ArgumentParser's parser. Building it (reflecting over every option of every command involved, instantiating
/// their generic wrappers, the completion-script check) costs about a millisecond: a fifth of a whole dump.
///
/// Only the exact forms below are recognised; anything else (help, `--pid=1`, combined short flags such as
/// `-lj`, a repeated option, `--`, a value that looks like an option, an invalid pid) returns nil and goes to
/// ArgumentParser, so errors, help and every unusual spelling behave exactly as before.
enum QuickDumpArguments {
    /// The parsed command, or nil when ArgumentParser should decide.
    static func command(from arguments: [String]) -> DumpCommand? {
        guard arguments.first == "dump" else { return nil }
        var pid: PIDArgument?
        var locals = 0
        var seen: Set<String> = []
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            switch argument {
            case "-l", "--locals":
                locals += 1
                continue
            case "-p", "--pid":
                guard pid == nil, index < arguments.count, !arguments[index].hasPrefix("-"),
                      let value = PIDArgument(argument: arguments[index]) else { return nil }
                pid = value
                index += 1
                continue
            default:
                break
            }
            guard let flag = Flag(rawValue: argument), seen.insert(flag.name).inserted else { return nil }
        }
        guard let pid else { return nil }
        var command = DumpCommand()
        command.pid = pid
        command.locals = locals
        command.fullFilenames = seen.contains(Flag.fullFilenames.name)
        command.json = seen.contains(Flag.json.name)
        command.nonblocking = seen.contains(Flag.nonblocking.name)
        command.subprocesses = seen.contains(Flag.subprocesses.name)
        return command
    }

    /// dump's on/off flags, by every spelling ArgumentParser accepts on its own.
    private enum Flag: String {
        case fullFilenames = "--full-filenames"
        case json = "--json", jsonShort = "-j"
        case nonblocking = "--nonblocking"
        case subprocesses = "--subprocesses", subprocessesShort = "-s"

        /// One name per flag, whichever spelling was used (giving a flag twice is left to ArgumentParser).
        var name: String {
            switch self {
            case .fullFilenames: "full-filenames"
            case .json, .jsonShort: "json"
            case .nonblocking: "nonblocking"
            case .subprocesses, .subprocessesShort: "subprocesses"
            }
        }
    }
}
