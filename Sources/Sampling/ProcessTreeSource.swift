import ProcessAccess
import ProfileModel
import PythonIntrospection
#if canImport(Glibc)
import Glibc
#endif

/// A process and all its descendants, for `--subprocesses`: Python processes are attached as they appear
/// (multiprocessing workers, a shell script that launches python, …), dropped when they exit, and
/// non-Python ones (a shell, `sleep`) are skipped silently. Every stack carries its process and the chain of
/// its ancestors (`ProcessLineage`), which the outputs turn into `process PID:"cmdline"` roots.
package final class ProcessTreeSource: SampleSource {
    package let root: ProcessID
    package let options: PythonProcess.SampleOptions
    private var attached: [ProcessID: PythonProcess] = [:]
    /// Processes found not to be Python, with the executable they had then: re-checked only if they exec.
    private var skipped: [ProcessID: String] = [:]
    /// New processes still starting up, and until when to keep trying to attach.
    private var pending: [ProcessID: Double] = [:]
    private var infos: [ProcessID: ProcessLineage] = [:]
    private var lastScan = -1.0
    /// How often the tree is re-read for new or exited processes.
    package var scanInterval = 0.1

    package init(root: ProcessID, options: PythonProcess.SampleOptions) {
        self.root = root
        self.options = options
    }

    package var processCount: Int { attached.count }
    package var isAlive: Bool {
        ProcessLiveness.isAlive(root) || attached.keys.contains(where: ProcessLiveness.isAlive)
    }
    /// The pids being sampled, in tree order.
    package var processIDs: [ProcessID] { attached.keys.sorted() }

    /// Waits (bounded) until at least one Python process is found in the tree.
    package func waitForFirstProcess(timeout: Double) throws(IntrospectionError) {
        let deadline = Monotonic.now() + timeout
        while true {
            rescan(now: Monotonic.now())
            if !attached.isEmpty { return }
            guard Monotonic.now() < deadline, ProcessLiveness.isAlive(root), StopSignals.received == nil else {
                throw .noPythonInTree(root: root)
            }
            usleep(20_000)
        }
    }

    package func sample() throws(IntrospectionError) -> [ThreadStack] {
        let now = Monotonic.now()
        if now - lastScan >= scanInterval { rescan(now: now) }
        if attached.isEmpty, !ProcessLiveness.isAlive(root) { throw .process(.processExited(root)) }
        var stacks: [ThreadStack] = []
        var failure: IntrospectionError?
        var anySucceeded = false
        for pid in processIDs {
            guard let process = attached[pid] else { continue }
            do {
                let info = processInfo(pid)
                for var stack in try process.sample(options) {
                    stack.processInfo = info
                    stacks.append(stack)
                }
                anySucceeded = true
            } catch {
                if !ProcessLiveness.isAlive(pid) { drop(pid) } else { failure = error }
            }
        }
        if let failure, !anySucceeded { throw failure }
        return stacks
    }

    /// Every Python process in the tree with its stacks, for `dump --subprocesses`.
    package func sampleByProcess() -> [(process: PythonProcess, stacks: [ThreadStack]?)] {
        rescan(now: Monotonic.now())
        return processIDs.compactMap { pid in
            guard let process = attached[pid] else { return nil }
            return (process, try? process.sample(options))
        }
    }

    /// The process's `ProcessLineage`, with its ancestors up to the root.
    package func processInfo(_ pid: ProcessID) -> ProcessLineage {
        if let known = infos[pid] { return known }
        let commandLine =
            attached[pid]?.commandLine
            ?? (try? ProcessInspector(pid: pid).commandLine()) ?? ""
        var parent: ProcessLineage?
        if pid != root, let parentID = ProcessTree.parent(of: pid), parentID > 0 {
            parent = processInfo(parentID)
        }
        let info = ProcessLineage(pid: pid, commandLine: commandLine, parent: parent)
        infos[pid] = info
        return info
    }

    private func rescan(now: Double) {
        lastScan = now
        let tree = [root] + ProcessTree.descendants(of: root)
        let present = Set(tree)
        for pid in attached.keys where !present.contains(pid) { drop(pid) }
        for pid in skipped.keys where !present.contains(pid) { skipped[pid] = nil }
        for pid in tree where attached[pid] == nil {
            let executable = (try? ProcessInspector(pid: pid).executablePath()) ?? ""
            if let seen = skipped[pid], seen == executable { continue }
            do {
                attached[pid] = try PythonProcess(pid: pid)
                pending[pid] = nil
                skipped[pid] = nil
            } catch {
                // A fresh process may not have loaded its interpreter yet: keep trying for a moment.
                let deadline = pending[pid] ?? now + 2
                pending[pid] = deadline
                if now >= deadline {
                    pending[pid] = nil
                    skipped[pid] = executable
                }
            }
        }
    }

    private func drop(_ pid: ProcessID) {
        attached[pid] = nil
        infos[pid] = nil
        pending[pid] = nil
    }
}
