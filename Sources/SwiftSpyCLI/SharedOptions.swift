import ArgumentParser

/// What to profile: a running process (`--pid`) or a program to launch (after `--`). Shared by `record` and
/// `top`.
struct TargetOptions: ParsableArguments {
    @Option(
        name: .shortAndLong, parsing: .unconditional,
        help: "PID of a running python program to spy on (decimal or 0x hex).")
    var pid: PIDArgument?

    @Argument(parsing: .postTerminator, help: "A command line to launch and profile, after `--`.")
    var program: [String] = []

    func validate() throws {
        if pid != nil, !program.isEmpty {
            throw ValidationError("Give either --pid or a program to launch after `--`, not both.")
        }
        if pid == nil, program.isEmpty {
            throw ValidationError("Missing target: give --pid PID, or a program after `--` (e.g. `-- python3 app.py`).")
        }
    }
}

/// How the target's memory is read and what is read from it: the flags `record`, `top` and `dump` share, declared
/// once so their help texts cannot drift apart (py-spy declares each of these once for all its subcommands).
struct ReadingOptions: ParsableArguments {
    @Flag(help: "Show full Python filenames, instead of shortening to the package-relative part.")
    var fullFilenames = false

    @Flag(
        help: "Don't pause the python process when collecting samples. Lower overhead, but stacks may be inconsistent.")
    var nonblocking = false

    @Flag(name: .shortAndLong, help: "Include the Python subprocesses of the process too.")
    var subprocesses = false
}

/// How to sample, shared by `record` and `top`.
struct SamplingOptions: ParsableArguments {
    @Option(name: .shortAndLong, parsing: .unconditional, help: "The number of samples to collect per second.")
    var rate: Int = 100

    @Flag(name: .shortAndLong, help: "Only include traces that are holding on to the GIL.")
    var gil = false

    @Flag(name: .shortAndLong, help: "Include stack traces for idle threads.")
    var idle = false

    @OptionGroup var reading: ReadingOptions

    func validate() throws {
        guard rate > 0, rate <= 10_000_000 else {
            throw ValidationError("--rate must be a number of samples per second between 1 and 10000000 (got \(rate)).")
        }
    }
}
