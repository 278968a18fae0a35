import CPythonLayouts
import ProcessAccess
import ProfileModel

/// A running CPython process, attached once and then sampled as often as wanted.
///
/// Attaching finds the interpreter binary, its version, the layout of its structs and the interpreter state;
/// `sample()` then reads every thread's stack. Nothing is ever written into the target.
public final class PythonProcess: @unchecked Sendable {
    public let pid: ProcessID
    public let version: PythonVersion
    /// `readlink /proc/PID/exe` as the target sees it.
    public let executablePath: String
    public let commandLine: String

    let memory: LiveMemory
    let inspector: ProcessInspector
    let layout: PythonLayout
    let interpreter: RemoteAddress
    let gil: GILLocator
    let walker: StackWalker<LiveMemory>
    let dicts: DictReader<LiveMemory>
    let tidResolver = PthreadTIDResolver()
    let shortener: FilenameShortener
    private var threadInfo: [UInt64: ThreadingInfo] = [:]

    public init(pid: ProcessID) throws(IntrospectionError) {
        let attached = try Attachment(pid: pid)
        self.pid = pid
        version = attached.version
        executablePath = attached.executablePath
        commandLine = attached.commandLine
        memory = attached.memory
        inspector = attached.inspector
        layout = attached.layout
        interpreter = attached.interpreter
        gil = attached.gil
        let objects = ObjectReader(memory: memory, layout: layout, isPython2: version.major == 2)
        walker = StackWalker(objects: objects, chain: attached.chain,
                             codes: CodeObjectCache(objects: objects, format: attached.chain.lineTableFormat),
                             codeType: attached.codeType)
        dicts = DictReader(objects: objects)
        shortener = FilenameShortener(inspector: inspector)
    }

    /// How to take a sample.
    public struct SampleOptions: Sendable {
        /// Pause the target's threads (ptrace) for a consistent snapshot; false reads while it runs.
        public var pause: Bool
        /// Look up `threading` names (and, on 3.8–3.10, native ids).
        public var threadNames: Bool
        /// Compute short file names (py-spy's package-relative rule).
        public var shortFilenames: Bool
        /// Which line each frame reports.
        public var lines: LineNumbers

        public init(pause: Bool = true, threadNames: Bool = true, shortFilenames: Bool = true,
                    lines: LineNumbers = .current)
        {
            self.pause = pause
            self.threadNames = threadNames
            self.shortFilenames = shortFilenames
            self.lines = lines
        }
    }

    /// Reads every thread's stack, in the interpreter's order (newest thread first, as CPython links them).
    public func sample(_ options: SampleOptions = SampleOptions()) throws(IntrospectionError) -> [ThreadStack] {
        // Run states must be read before pausing: a paused thread always reports as stopped.
        let running: Set<ThreadID>
        let liveTIDs: Set<ThreadID>
        do {
            liveTIDs = Set(try inspector.threadIDs())
            running = try inspector.runningThreads()
        } catch {
            throw .process(ProcFiles.exists("/proc/\(pid)") ? error : .processExited(pid))
        }
        var pause: ProcessPause?
        if options.pause {
            do { pause = try ProcessPause(pid: pid) } catch { throw .process(error) }
        }
        defer { pause?.resume() }

        let holder = gil.holder(in: memory)
        var walked: [WalkedThread] = []
        for threadState in try walker.threadStates(of: interpreter) {
            walked.append(try walker.walk(threadState: threadState, lines: options.lines))
        }
        if options.threadNames, walked.contains(where: { threadInfo[$0.threadID] == nil }) {
            // Refresh only when an unknown thread appears; a failed lookup is remembered as "no name" so it is
            // not retried every sample (py-spy's #852 slowdown).
            let fresh = (try? ThreadNameReader(dicts: dicts, interpreter: interpreter).read()) ?? [:]
            for thread in walked { threadInfo[thread.threadID] = fresh[thread.threadID] ?? ThreadingInfo() }
        }
        let pthreadTIDs = walked.contains { $0.nativeThreadID == nil }
            ? tidResolver.resolve(threadIDs: walked.map(\.threadID), liveTIDs: liveTIDs, memory: memory) : [:]
        pause?.resume()

        return walked.map { thread in
            let info = threadInfo[thread.threadID]
            let osID = thread.nativeThreadID ?? info?.nativeID ?? pthreadTIDs[thread.threadID]
            var frames = thread.frames
            if options.shortFilenames {
                for index in frames.indices { frames[index].shortFilename = shortener.shorten(frames[index].filename) }
            }
            var active = osID.map { running.contains(ThreadID(bitPattern: $0)) } ?? true
            if active, let innermost = frames.first, IdleHeuristic.isWaiting(innermost) { active = false }
            return ThreadStack(pid: pid, threadID: thread.threadID, threadName: info?.name, osThreadID: osID,
                               active: active, ownsGIL: thread.threadState == holder, frames: frames)
        }
    }
}
