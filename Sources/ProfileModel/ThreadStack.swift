/// The Python stack of one thread at one instant: py-spy's `StackTrace`.
package struct ThreadStack: Sendable, Hashable {
    /// The process the thread belongs to.
    package var pid: Int32
    /// CPython's `PyThreadState.thread_id`: the `pthread_t` of the thread (`threading.get_ident()`).
    package var threadID: UInt64
    /// The `threading.Thread` name, when the thread has one.
    package var threadName: String?
    /// The kernel's thread id, when it could be determined.
    package var osThreadID: UInt32?
    /// False when the thread was waiting (not running on a CPU, or parked in a known wait function).
    package var active: Bool
    /// True when the thread held the GIL at the instant of the sample.
    package var ownsGIL: Bool
    /// Innermost frame first.
    package var frames: [Frame]
    /// Each frame's arguments and locals, by the frame's index, when they were asked for (`dump --locals`);
    /// empty otherwise. See `locals(ofFrame:)`.
    package var frameLocals: [[LocalVariable]]
    /// Which process this stack came from, with its ancestors; set when profiling subprocesses.
    package var processInfo: ProcessLineage?

    package init(
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
    package func locals(ofFrame index: Int) -> [LocalVariable]? {
        index < frameLocals.count ? frameLocals[index] : nil
    }

    /// `idle`, `active` or `active+gil`, as `dump` prints a thread's state.
    package var statusLabel: String {
        guard active else { return "idle" }
        return ownsGIL ? "active+gil" : "active"
    }

    /// The thread id outputs show: the kernel tid in decimal when known, else the pthread in `0x…` upper hex.
    package var displayThreadID: String {
        if let osThreadID { return String(osThreadID) }
        return "0x" + String(threadID, radix: 16, uppercase: true)
    }
}

/// A sampled process and the chain of its ancestors (py-spy's `ProcessInfo`, the JSON's `process_info`; named so
/// it does not shadow Foundation's `ProcessInfo`).
package final class ProcessLineage: Sendable, Hashable {
    package let pid: Int32
    package let commandLine: String
    package let parent: ProcessLineage?

    package init(pid: Int32, commandLine: String, parent: ProcessLineage? = nil) {
        self.pid = pid
        self.commandLine = commandLine
        self.parent = parent
    }

    package static func == (lhs: ProcessLineage, rhs: ProcessLineage) -> Bool {
        lhs.pid == rhs.pid && lhs.commandLine == rhs.commandLine && lhs.parent == rhs.parent
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(pid)
        hasher.combine(commandLine)
        hasher.combine(parent)
    }
}
