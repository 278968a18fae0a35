import Foundation

/// Any command that prints one line when it is ready (e.g. `READY`), killed by `stop()`. Its stdin is fed
/// `input` when given (a script piped into a shell), else /dev/null.
final class ReadyTarget {
    let process: Process
    /// The line it printed (a report, for targets that say more than `READY`).
    let readyLine: String

    var pid: Int32 { process.processIdentifier }

    init(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, input: String? = nil,
        timeout: Duration = .seconds(30)
    ) throws {
        let stdout = Pipe()
        let stdin = Pipe()
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        do {
            readyLine = try LineReader.firstLine(from: stdout.fileHandleForReading.fileDescriptor, timeout: timeout)
        } catch {
            Self.kill(process)
            throw error
        }
    }

    func stop() { Self.kill(process) }

    private static func kill(_ process: Process) {
        guard process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
