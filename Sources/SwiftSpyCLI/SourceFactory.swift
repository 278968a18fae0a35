import PythonIntrospection
import Sampling

/// Builds what `record` and `top` sample: one process (retrying briefly while a launched program starts up),
/// or with `--subprocesses` the process tree, waiting for its first Python process.
enum SourceFactory {
    /// `gilOnly` (`--gil`) refuses a free-threaded target: it has no GIL, so nothing would be kept.
    static func make(
        pid: Int32, launched: Bool, subprocesses: Bool, options: PythonProcess.SampleOptions,
        gilOnly: Bool = false
    ) throws(IntrospectionError) -> any SampleSource {
        let timeout = launched ? 5.0 : 1.0
        if subprocesses {
            let tree = ProcessTreeSource(root: pid, options: options)
            try tree.waitForFirstProcess(timeout: timeout)
            return tree
        }
        let process = try Attach.withRetries(pid: pid, timeout: timeout)
        if gilOnly, process.isFreeThreaded { throw .noGIL(pid: pid, version: process.version) }
        return SingleProcessSource(process: process, options: options)
    }
}
