import CPythonLayouts
import ProcessAccess
import ProfileModel

/// A running CPython process, attached once and then sampled as often as wanted.
///
/// Attaching finds the interpreter binary, its version, the layout of its structs and the interpreter state;
/// `sample()` then reads every thread's stack. Nothing is ever written into the target.
package final class PythonProcess: @unchecked Sendable {
    package let pid: ProcessID
    package let version: PythonVersion
    /// `readlink /proc/PID/exe` as the target sees it.
    package let executablePath: String
    package let commandLine: String
    /// A `Py_GIL_DISABLED` build (`python3.13t`): no thread ever holds a GIL.
    package var isFreeThreaded: Bool { layout.isFreeThreaded }

    /// The target's memory: each sample's reads are answered from one prefetch of what the last one read.
    let memory: PrefetchingMemory<LiveMemory>
    let inspector: ProcessInspector
    let layout: PythonLayout
    let interpreter: RemoteAddress
    let gil: GILLocator
    let walker: StackWalker<PrefetchingMemory<LiveMemory>>
    let dicts: DictReader<PrefetchingMemory<LiveMemory>>
    let runStates: ThreadRunStates
    /// Names and kernel tids of the threads, cached across samples.
    let identities = ThreadIdentities()
    /// Where the GIL lives (3.12+), once known.
    private var gilAddress: RemoteAddress?

    package init(pid: ProcessID) throws(IntrospectionError) {
        let attached = try Attachment(pid: pid)
        self.pid = pid
        version = attached.version
        executablePath = attached.executablePath
        commandLine = attached.commandLine
        memory = PrefetchingMemory(base: attached.memory)
        inspector = attached.inspector
        layout = attached.layout
        interpreter = attached.interpreter
        gil = attached.gil
        let objects = ObjectReader(memory: memory, layout: layout, isPython2: version.major == 2)
        let shortener = FilenameShortener(inspector: inspector)
        walker = StackWalker(
            objects: objects, chain: attached.chain,
            codes: CodeObjectCache(
                objects: objects, format: attached.chain.lineTableFormat,
                shorten: shortener.shorten),
            codeType: attached.codeType)
        dicts = DictReader(objects: objects)
        runStates = ThreadRunStates(pid: pid)
    }

    /// How to take a sample.
    package struct SampleOptions: Sendable {
        /// Pause the target's threads (ptrace) for a consistent snapshot; false reads while it runs.
        package var pause: Bool
        /// Look up `threading` names (and, on 3.8–3.10, native ids).
        package var threadNames: Bool
        /// Compute short file names (py-spy's package-relative rule).
        package var shortFilenames: Bool
        /// Which line each frame reports.
        package var lines: LineNumbers
        /// Read each frame's arguments and local variables: 0 for none, else the number of `-l` flags (each
        /// allows 128 characters per value, as py-spy).
        package var locals: Int
        /// Ask the OS which threads are running, for `ThreadStack.active`. Without a pause that is one `/proc`
        /// read per thread not holding the GIL, the largest cost of sampling many threads; a recording that keeps
        /// idle threads anyway (`record --idle`) has no use for it. When false, every thread not in a known
        /// waiting function counts as active.
        package var threadActivity: Bool
        /// Find which thread holds the GIL (`ThreadStack.ownsGIL`, false for all without it). A recording keeps
        /// it for `--gil`, and to tell a running thread without asking the OS; otherwise it is one more stretch of
        /// the interpreter's memory to read every sample.
        package var gilOwnership: Bool
        /// Keep a thread whose stack could not be read whole (read while it changed, or garbage), as the frames
        /// read plus a marker frame. Right for `dump`, a single look where a partial stack beats none; a
        /// recording instead drops the sample (one error, as py-spy counts it) rather than add a torn stack
        /// to the profile.
        package var keepsPartialStacks: Bool

        package init(
            pause: Bool = true, threadNames: Bool = true, shortFilenames: Bool = true,
            lines: LineNumbers = .current, locals: Int = 0, threadActivity: Bool = true,
            gilOwnership: Bool = true, keepsPartialStacks: Bool = false
        ) {
            self.keepsPartialStacks = keepsPartialStacks
            self.pause = pause
            self.threadNames = threadNames
            self.shortFilenames = shortFilenames
            self.lines = lines
            self.locals = locals
            self.threadActivity = threadActivity
            self.gilOwnership = gilOwnership
        }
    }

    /// How many times a walk that failed on data changing under it is read again without a pause: the stack of
    /// a running thread moves every few microseconds, and a read that caught a frame half pushed (a link into
    /// freed memory, a cycle) usually succeeds a moment later. Each attempt is a fresh snapshot (one more
    /// prefetch), so a retry costs about as much as a sample.
    static var tornReadRetries: Int { 2 }

    /// Whether a walk may have read data that was changing (worth another read): it failed, though not for good
    /// (the process is gone, or may not be read), or some thread's stack could not be read whole.
    private static func mayBeTorn(_ walk: Result<[WalkedThread], IntrospectionError>) -> Bool {
        let error: IntrospectionError
        switch walk {
        case .success(let threads): return threads.contains { $0.failure != nil }
        case .failure(let failure): error = failure
        }
        switch error {
        case .memory(.processExited), .memory(.permissionDenied), .process: return false
        default: return true
        }
    }

    /// Reads every thread's stack, in the interpreter's order (newest thread first, as CPython links them).
    ///
    /// One sample in four steps: pause the running threads (when asked), walk every thread's frames, find each
    /// thread's name and kernel tid, resume, then make the `ThreadStack`s. The thread list and the stacks are
    /// read while paused; names and tids only when the thread set changed (`ThreadIdentities`).
    package func sample(_ options: SampleOptions = SampleOptions()) throws(IntrospectionError) -> [ThreadStack] {
        let (pause, runningBeforePause) = try pauseRunningThreads(options)
        defer { pause?.resume() }
        let (walked, holder) = try walk(options)
        let threadsChanged = identities.noteThreads(walked)
        if threadsChanged, !options.pause { try? runStates.refresh() }
        if options.threadNames, identities.namesDue(threadsChanged: threadsChanged, walked: walked) {
            identities.takeNames(try? ThreadNameReader(dicts: dicts, interpreter: interpreter).read(), for: walked)
        }
        let pthreadTIDs = identities.kernelTIDs(
            of: walked, liveTIDs: { Set(runStates.threadIDs) }, memory: memory,
            rereadTasks: { (try? runStates.refresh()) != nil ? Set(runStates.threadIDs) : nil })
        pause?.resume()
        return threadStacks(
            walked, pthreadTIDs: pthreadTIDs, holder: holder, runningBeforePause: runningBeforePause,
            options: options)
    }

    /// With `options.pause`, stops the threads that are running (the others cannot change their stacks) and
    /// returns the pause with the set it stopped. Run states are read first: a paused thread reports as stopped.
    private func pauseRunningThreads(_ options: SampleOptions) throws(IntrospectionError)
        -> (ProcessPause?, Set<ThreadID>?)
    {
        guard options.pause else { return (nil, nil) }
        do {
            try runStates.refresh()
            let running = try runStates.runningThreads()
            return (try ProcessPause(pid: pid, onlyThreads: running), running)
        } catch {
            throw .process(ProcFiles.exists("/proc/\(pid)") ? error : .processExited(pid))
        }
    }

    /// Every thread's frames, and the GIL holder's thread state when asked for. Without a pause, a walk that may
    /// have read changing data is read again (`tornReadRetries`). The prefetch covers the walk only: thread names
    /// and ids are looked up rarely, and replaying those reads in the next sample would cost more than it saves.
    private func walk(_ options: SampleOptions) throws(IntrospectionError) -> ([WalkedThread], RemoteAddress?) {
        let locals =
            options.locals > 0
            ? LocalsReader(objects: walker.objects, dicts: dicts, chain: walker.chain, count: options.locals) : nil
        var holder: RemoteAddress?
        var walk: Result<[WalkedThread], IntrospectionError>
        var attempts = 0
        repeat {
            memory.beginSample()
            walker.beginSample()
            holder = options.gilOwnership ? gil.holder(in: memory, gilAddress: &gilAddress) : nil
            walk = Result { () throws(IntrospectionError) in
                try walker.walkAll(
                    interpreter: interpreter,
                    style: FrameStyle(lines: options.lines, shortFilenames: options.shortFilenames),
                    locals: locals)
            }
            memory.endSample()
            attempts += 1
        } while !options.pause && attempts <= Self.tornReadRetries && Self.mayBeTorn(walk)
        let walked = try walk.get()
        if !options.keepsPartialStacks, let torn = walked.lazy.compactMap(\.failure).first { throw torn }
        return (walked, holder)
    }

    /// The samples' `ThreadStack`s: frames as walked, with each thread's name, kernel tid, GIL ownership and
    /// whether it was active.
    private func threadStacks(
        _ walked: [WalkedThread], pthreadTIDs: [UInt64: UInt32], holder: RemoteAddress?,
        runningBeforePause: Set<ThreadID>?, options: SampleOptions
    ) -> [ThreadStack] {
        zip(walked, identities.infos).map { thread, info in
            let osID = thread.nativeThreadID ?? info?.nativeID ?? pthreadTIDs[thread.threadID]
            let frames = thread.frames
            let ownsGIL = thread.threadState == holder
            // A thread in a known waiting function is idle whatever the OS says, so the OS is not asked.
            var active = !(frames.first.map(IdleHeuristic.isWaiting) ?? false)
            if active, options.threadActivity, let osID {
                // A thread holding the GIL runs the interpreter (or, blocked in a C call that kept it, stops every
                // other thread from running it): active whatever the OS says, and then the OS is not asked (that
                // read is the most expensive part of a fast sample). Pausing, the states read before the pause
                // answer for the others: a paused thread reads as stopped.
                let tid = ThreadID(bitPattern: osID)
                active = ownsGIL || (runningBeforePause.map { $0.contains(tid) } ?? (runStates.isRunning(tid) ?? true))
            }
            return ThreadStack(
                pid: pid, threadID: thread.threadID, threadName: info?.name, osThreadID: osID,
                active: active, ownsGIL: ownsGIL, frames: frames, frameLocals: thread.frameLocals)
        }
    }
}
