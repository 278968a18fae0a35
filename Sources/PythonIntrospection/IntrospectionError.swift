import CPythonLayouts
import ProcessAccess

/// Why swiftspy could not attach to a process or read its Python state. Each case renders as one sentence that
/// says what went wrong and what to do.
package enum IntrospectionError: Error, Sendable, CustomStringConvertible {
    case process(ProcessError)
    /// The process has no libpython and its executable is not a Python interpreter.
    case notPython(pid: ProcessID, executable: String)
    /// Python was found but its version could not be determined.
    case versionNotFound(pid: ProcessID, binary: String)
    case unsupportedVersion(PythonVersion)
    /// The version is known, but no interpreter state could be located or validated.
    case interpreterNotFound(pid: ProcessID, version: PythonVersion, detail: String)
    /// The binary could not be parsed.
    case unreadableBinary(path: String, detail: String)
    /// A read failed while sampling.
    case memory(MemoryReadError)
    /// `--subprocesses` found no Python process under the given one.
    case noPythonInTree(root: ProcessID)
    /// The data read is inconsistent (e.g. a frame chain that loops back on itself).
    case corruptState(String)
    /// `--gil` asked of a free-threaded build, which has no GIL for a thread to hold.
    case noGIL(pid: ProcessID, version: PythonVersion)

    package var description: String {
        switch self {
        case .process(let error):
            return error.description
        case .notPython(let pid, let executable):
            return "Process \(pid) (\(executable)) is not a Python program: no libpython or Python interpreter "
                + "is loaded in it. Check the pid, or for a launcher script profile its Python child."
        case .versionNotFound(let pid, let binary):
            return "Could not tell which Python version process \(pid) runs (\(binary)); it may be stripped or "
                + "not yet initialised: try again once it has started."
        case .unsupportedVersion(let version):
            return "Python \(version) is not supported by swiftspy (supported: \(Self.supportedVersionsText))."
        case .interpreterNotFound(let pid, let version, let detail):
            return "Found Python \(version) in process \(pid) but could not locate its interpreter state (\(detail)); "
                + "if the process is still starting up, try again in a moment."
        case .unreadableBinary(let path, let detail):
            return "Could not read the Python binary \(path): \(detail)."
        case .memory(let error):
            return Self.describe(error)
        case .noPythonInTree(let root):
            return "No Python processes were found in process \(root) or any of its subprocesses; check the pid, "
                + "or wait until the program has started its Python workers."
        case .corruptState(let detail):
            return
                "The target's Python state looked inconsistent (\(detail)); it may have changed while being read: try again."
        case .noGIL(let pid, let version):
            return "Process \(pid) runs a free-threaded build of Python \(version), which has no GIL, so --gil would "
                + "keep no sample; leave out --gil (its threads run Python in parallel and all of them are sampled)."
        }
    }

    static func describe(_ error: MemoryReadError) -> String {
        switch error {
        case .processExited(let pid):
            return ProcessError.processExited(pid).description
        case .permissionDenied(let pid):
            return ProcessError.permissionDenied(pid, detail: "").description
        case .badAddress(let address, let count):
            return "Reading \(count) bytes at \(address) in the target failed (the memory is not mapped); "
                + "the process may have changed while being read: try again."
        case .shortRead(let address, let wanted, let got):
            return "Only \(got) of \(wanted) bytes at \(address) could be read from the target; try again."
        case .implausibleSize(let what, let size):
            return "The target's \(what) has an implausible size (\(size)); its memory may be changing: try again."
        case .systemError(let code):
            return "Reading the target's memory failed: \(SystemErrorText.describe(code))."
        }
    }

    /// Wraps a memory error, upgrading "exited" and "permission" to their process-level forms.
    static func from(_ error: MemoryReadError) -> IntrospectionError {
        switch error {
        case .processExited(let pid): return .process(.processExited(pid))
        case .permissionDenied(let pid): return .process(.permissionDenied(pid, detail: ""))
        default: return .memory(error)
        }
    }
}

extension IntrospectionError {
    /// The versions there is a layout table for, as a reader would say them: `2.7 and 3.6 to 3.15`. Derived
    /// from `PythonLayout.knownVersions`, so a new table changes the message without another edit.
    static var supportedVersionsText: String {
        var runs: [(major: Int, first: Int, last: Int)] = []
        for (major, minor) in PythonLayout.knownVersions {
            if let last = runs.last, last.major == major, last.last + 1 == minor {
                runs[runs.count - 1].last = minor
            } else {
                runs.append((major, minor, minor))
            }
        }
        let parts = runs.map { run in
            run.first == run.last
                ? "\(run.major).\(run.first)" : "\(run.major).\(run.first) to \(run.major).\(run.last)"
        }
        guard let last = parts.last, parts.count > 1 else { return parts.joined() }
        return parts.dropLast().joined(separator: ", ") + " and " + last
    }
}
