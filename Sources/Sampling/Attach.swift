import ProcessAccess
import PythonIntrospection
#if canImport(Glibc)
import Glibc
#endif

/// Attaching right after launching a program can be too early: the interpreter may not be loaded or
/// initialised yet. This retries the errors that mean "not ready yet" for a while, and gives up at once on
/// the ones that will not change (no permission, unsupported version).
package enum Attach {
    package static func withRetries(pid: ProcessID, timeout: Double) throws(IntrospectionError) -> PythonProcess {
        let deadline = Monotonic.now() + timeout
        // A launched program that is not Python (`record -- sleep 1`) looks "not ready yet" until it exits; its
        // exit must then be reported as what it was, not as an exit while being read. (The error is transient at
        // all because `#!/usr/bin/env python3` scripts run env first, which only then execs Python.)
        var notPython: IntrospectionError?
        while true {
            do {
                return try PythonProcess(pid: pid)
            } catch {
                // Only a program that is not an interpreter itself: a `python3` that exits before the loader has
                // mapped its libpython exited, it was never "not Python".
                if case .notPython(_, let executable) = error, !Self.namesAnInterpreter(executable) {
                    notPython = error
                }
                guard Monotonic.now() < deadline, isTransient(error), ProcessLiveness.isAlive(pid) else {
                    if case .process(.noSuchProcess) = error { throw error }
                    // Any other failure of a process that is gone now is its exit, whatever was being read.
                    if !ProcessLiveness.isAlive(pid) { throw notPython ?? .process(.processExited(pid)) }
                    throw error
                }
                if StopSignals.received != nil { throw error }
                usleep(20_000)
            }
        }
    }

    /// Whether an executable's file name is an interpreter's (`python`, `python3.12`, `python3.13t`, `python2.7`).
    static func namesAnInterpreter(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard name.hasPrefix("python") else { return false }
        return name.dropFirst("python".count).allSatisfy {
            $0.isNumber || $0 == "." || $0 == "t" || $0 == "d" || $0 == "m"
        }
    }

    static func isTransient(_ error: IntrospectionError) -> Bool {
        switch error {
        case .notPython, .versionNotFound, .interpreterNotFound, .memory, .corruptState: return true
        case .process(.processExited), .process(.unreadableFile): return true
        default: return false
        }
    }
}
