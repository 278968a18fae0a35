import LiveView
import ProcessAccess
import PythonIntrospection
import Sampling

/// The process `top` watches: one given by `--pid`, or a program it launched (whose output goes to a file,
/// so it cannot scribble over the view, and which is killed when `top` ends).
final class TopTarget: @unchecked Sendable {
    let pid: ProcessID
    /// What the sampler reads: the process, or with `--subprocesses` its whole tree.
    let source: any SampleSource
    let subprocesses: Bool
    let child: ChildProcess?

    private init(pid: ProcessID, source: any SampleSource, subprocesses: Bool, child: ChildProcess?) {
        self.pid = pid
        self.source = source
        self.subprocesses = subprocesses
        self.child = child
    }

    /// Attaches to a running process (and, with `subprocesses`, its Python descendants).
    static func attach(pid: ProcessID, subprocesses: Bool, options: PythonProcess.SampleOptions, gilOnly: Bool)
        throws(IntrospectionError) -> TopTarget
    {
        let source = try SourceFactory.make(pid: pid, launched: false, subprocesses: subprocesses, options: options,
                                            gilOnly: gilOnly)
        return TopTarget(pid: pid, source: source, subprocesses: subprocesses, child: nil)
    }

    /// Starts `arguments` and attaches once its interpreter is up (retrying while it starts).
    static func launch(_ arguments: [String], subprocesses: Bool, options: PythonProcess.SampleOptions,
                       gilOnly: Bool) throws(TopStartError) -> TopTarget
    {
        let child: ChildProcess
        do {
            child = try ChildProcess(arguments: arguments, captureOutput: true)
        } catch {
            throw .launch(error)
        }
        do {
            let source = try SourceFactory.make(pid: child.pid, launched: true, subprocesses: subprocesses,
                                                options: options, gilOnly: gilOnly)
            return TopTarget(pid: child.pid, source: source, subprocesses: subprocesses, child: child)
        } catch {
            child.terminate()
            throw .attach(error, output: child.capturedOutput().flatMap { Self.tail($0, lines: 10) })
        }
    }

    /// The first line of the screen: the command line, or `Pid N` when the process has none.
    var header: TopHeader {
        let commandLine = (try? ProcessInspector(pid: pid).commandLine()) ?? ""
        let command = commandLine.isEmpty ? "Pid \(pid)" : commandLine
        let process = (source as? SingleProcessSource)?.process
        return TopHeader(target: command, pythonVersion: process?.version.description ?? "", subprocesses: subprocesses,
                         freeThreaded: process?.isFreeThreaded ?? false)
    }

    /// Kills a launched program; a process given by `--pid` is left alone.
    func stop() {
        child?.terminate()
    }

    /// The end of a launched program's output, for when it has exited.
    func outputTail(lines: Int = 10) -> String? {
        child?.capturedOutput().flatMap { Self.tail($0, lines: lines) }
    }

    static func tail(_ text: String, lines: Int) -> String? {
        let all = text.split(separator: "\n", omittingEmptySubsequences: false)
        let trimmed = all.last == "" ? all.dropLast() : all[...]
        guard !trimmed.isEmpty else { return nil }
        return trimmed.suffix(lines).joined(separator: "\n")
    }
}

/// Why `top` could not start watching a launched program.
enum TopStartError: Error, CustomStringConvertible {
    case launch(ChildProcess.LaunchError)
    /// Attaching failed; `output` is the end of what the program printed (often the reason it died).
    case attach(IntrospectionError, output: String?)

    var description: String {
        switch self {
        case .launch(let error):
            return error.description
        case .attach(let error, let output):
            guard let output else { return error.description }
            return "\(error)\nLast lines of the program's output:\n\(output)"
        }
    }
}
