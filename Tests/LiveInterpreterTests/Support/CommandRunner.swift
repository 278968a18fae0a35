import LiveTestSupport
import Dispatch
import Foundation

/// What a finished command left behind.
struct CommandResult: Sendable {
    let arguments: [String]
    let status: Int32
    /// False when the process died of a signal (a crash, or our timeout kill).
    let exitedNormally: Bool
    let stdout: String
    let stderr: String

    /// For failure messages: the command line, how it ended, and its stderr.
    var summary: String {
        let how = exitedNormally ? "exit \(status)" : "signal \(status)"
        return "`\(arguments.joined(separator: " "))` ended with \(how); stderr: \(stderr.debugDescription)"
    }
}

/// Runs a command to completion with a timeout, capturing its output in temporary files.
///
/// Files rather than pipes: nothing can fill up and deadlock, and no pipe end inherited by a concurrently started
/// child can hold EOF back. Completion is signalled by `terminationHandler`, so there is no polling at all.
enum CommandRunner {
    static func run(_ executable: URL, _ arguments: [String], timeout: Duration = .seconds(30)) throws
        -> CommandResult
    {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("swiftspy-live-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
            FileManager.default.createFile(atPath: errURL.path, contents: nil)
        else { throw LiveTestError("cannot create output files in \(scratch.path)") }
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        defer {
            try? outHandle.close()
            try? errHandle.close()
        }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outHandle
        process.standardError = errHandle
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if finished.wait(timeout: .now() + dispatchInterval(timeout)) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
            let command = ([executable.path] + arguments).joined(separator: " ")
            throw LiveTestError("`\(command)` ran longer than \(timeout)")
        }
        return CommandResult(
            arguments: [executable.lastPathComponent] + arguments,
            status: process.terminationStatus,
            exitedNormally: process.terminationReason == .exit,
            stdout: String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self),
            stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self))
    }

    /// Runs the swiftspy binary under test.
    static func swiftspy(_ arguments: [String], timeout: Duration = .seconds(30)) throws -> CommandResult {
        try run(LiveEnvironment.swiftspyBinary(), arguments, timeout: timeout)
    }

    private static func dispatchInterval(_ duration: Duration) -> DispatchTimeInterval {
        let (seconds, attoseconds) = duration.components
        return .milliseconds(Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}
