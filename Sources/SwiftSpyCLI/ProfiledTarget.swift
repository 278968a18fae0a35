import ProcessAccess
import PythonIntrospection
import Sampling

/// What `record` and `top` sample: a process given by `--pid`, or a program they launched (killed when they
/// end), and the source that reads it (the process, or with `--subprocesses` its whole tree). One way in for
/// both commands, so a launched program is started, attached to and explained on failure the same way.
final class ProfiledTarget: @unchecked Sendable {
    let pid: ProcessID
    let source: any SampleSource
    let subprocesses: Bool
    let child: ChildProcess?

    private init(pid: ProcessID, source: any SampleSource, subprocesses: Bool, child: ChildProcess?) {
        self.pid = pid
        self.source = source
        self.subprocesses = subprocesses
        self.child = child
    }

    /// Attaches to `--pid`, or starts the program after `--` and attaches once its interpreter is up (retrying
    /// while it starts). `captureOutput` sends a launched program's output to a file instead of the terminal
    /// (`top` always: it would scribble over the view; `record --capture`).
    static func start(
        _ target: TargetOptions, subprocesses: Bool, options: PythonProcess.SampleOptions,
        gilOnly: Bool, captureOutput: Bool
    ) throws(TargetStartError) -> ProfiledTarget {
        if let pid = target.pid?.value {
            do {
                let source = try SourceFactory.make(
                    pid: pid, launched: false, subprocesses: subprocesses,
                    options: options, gilOnly: gilOnly)
                return ProfiledTarget(pid: pid, source: source, subprocesses: subprocesses, child: nil)
            } catch {
                throw .attach(error, output: nil)
            }
        }
        let child: ChildProcess
        do {
            child = try ChildProcess(arguments: target.program, captureOutput: captureOutput)
        } catch {
            throw .launch(error)
        }
        do {
            let source = try SourceFactory.make(
                pid: child.pid, launched: true, subprocesses: subprocesses,
                options: options, gilOnly: gilOnly)
            return ProfiledTarget(pid: child.pid, source: source, subprocesses: subprocesses, child: child)
        } catch {
            child.terminate()
            throw .attach(error, output: child.capturedOutput().flatMap { Self.tail($0, lines: 10) })
        }
    }

    /// Kills a launched program; a process given by `--pid` is left alone.
    func stop() {
        child?.terminate()
    }

    /// The end of a launched program's captured output, for when it has exited.
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

/// Why `record` or `top` could not start sampling.
enum TargetStartError: Error, CustomStringConvertible {
    case launch(ChildProcess.LaunchError)
    /// Attaching failed; `output` is the end of what a launched program printed (often the reason it died).
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
