/// The Python stack of one thread at one instant: py-spy's `StackTrace`.
public struct ThreadStack: Sendable, Hashable {
    /// The process the thread belongs to.
    public var pid: Int32
    /// CPython's `PyThreadState.thread_id`: the `pthread_t` of the thread (`threading.get_ident()`).
    public var threadID: UInt64
    /// The `threading.Thread` name, when the thread has one.
    public var threadName: String?
    /// The kernel's thread id, when it could be determined.
    public var osThreadID: UInt32?
    /// False when the thread was waiting (not running on a CPU, or parked in a known wait function).
    public var active: Bool
    /// True when the thread held the GIL at the instant of the sample.
    public var ownsGIL: Bool
    /// Innermost frame first.
    public var frames: [Frame]
    /// Each frame's arguments and locals, by the frame's index, when they were asked for (`dump --locals`);
    /// empty otherwise. See `locals(ofFrame:)`.
    public var frameLocals: [[LocalVariable]]
    /// Which process this stack came from, with its ancestors; set when profiling subprocesses.
    public var processInfo: ProcessLineage?

    public init(
        pid: Int32, threadID: UInt64, threadName: String? = nil, osThreadID: UInt32? = nil, active: Bool,
        ownsGIL: Bool, frames: [Frame], frameLocals: [[LocalVariable]] = [], processInfo: ProcessLineage? = nil
    ) {
        self.pid = pid
        self.threadID = threadID
        self.threadName = threadName
        self.osThreadID = osThreadID
        self.active = active
        self.ownsGIL = ownsGIL
        self.frames = frames
        self.frameLocals = frameLocals
        self.processInfo = processInfo
    }

    /// The arguments and locals of `frames[index]`, or nil when none were read for it.
    public func locals(ofFrame index: Int) -> [LocalVariable]? {
        index < frameLocals.count ? frameLocals[index] : nil
    }

    /// `idle`, `active` or `active+gil`, as `dump` prints a thread's state.
    public var statusLabel: String {
        guard active else { return "idle" }
        return ownsGIL ? "active+gil" : "active"
    }

    /// The thread id outputs show: the kernel tid in decimal when known, else the pthread in `0x…` upper hex.
    public var displayThreadID: String {
        if let osThreadID { return String(osThreadID) }
        return "0x" + String(threadID, radix: 16, uppercase: true)
    }
}

/// A sampled process and the chain of its ancestors (py-spy's `ProcessInfo`, the JSON's `process_info`; named so
/// it does not shadow Foundation's `ProcessInfo`).
public final class ProcessLineage: Sendable, Hashable {
    public let pid: Int32
    public let commandLine: String
    public let parent: ProcessLineage?

    public init(pid: Int32, commandLine: String, parent: ProcessLineage? = nil) {
        self.pid = pid
        self.commandLine = commandLine
        self.parent = parent
    }

    public static func == (lhs: ProcessLineage, rhs: ProcessLineage) -> Bool {
        lhs.pid == rhs.pid && lhs.commandLine == rhs.commandLine && lhs.parent == rhs.parent
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(pid)
        hasher.combine(commandLine)
        hasher.combine(parent)
    }
}
