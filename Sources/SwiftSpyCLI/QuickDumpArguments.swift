/// Recognises the plain `dump` command lines that scripts and monitors run again and again
/// (`swiftspy dump --pid 123`, with any of dump's flags spelled out separately) without ArgumentParser.
/// Building its parser (reflecting over every option of every command involved, instantiating their generic
/// wrappers, the completion-script check) costs about a millisecond, a fifth of a whole dump; even creating a
/// `DumpCommand` costs a tenth of one, so the result is a plain `DumpRequest`.
///
/// Only the exact forms below are recognised; anything else (help, `--pid=1`, combined short flags such as
/// `-lj`, a repeated option, `--`, a value that looks like an option, an invalid pid) returns nil and goes to
/// ArgumentParser, so errors, help and every unusual spelling behave exactly as before.
enum QuickDumpArguments {
    /// The requested dump, or nil when ArgumentParser should decide.
    static func request(from arguments: [String]) -> DumpRequest? {
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
                    let value = PIDArgument(argument: arguments[index])
                else { return nil }
                pid = value
                index += 1
                continue
            default:
                break
            }
            guard let flag = Flag(rawValue: argument), seen.insert(flag.name).inserted else { return nil }
        }
        guard let pid else { return nil }
        return DumpRequest(
            pid: pid.value, fullFilenames: seen.contains(Flag.fullFilenames.name), locals: locals,
            json: seen.contains(Flag.json.name), nonblocking: seen.contains(Flag.nonblocking.name),
            subprocesses: seen.contains(Flag.subprocesses.name))
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
