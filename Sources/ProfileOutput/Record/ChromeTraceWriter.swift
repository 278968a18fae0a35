import ProfileModel

/// The `chrometrace` format: the Trace Event Format's JSON-array form, which chrome://tracing and Perfetto
/// both open, laid out as py-spy writes it (reference §2.5).
///
/// Each thread's stack is diffed against its previous sample: frames that left get an `E` (end) event,
/// innermost first, and frames that arrived get a `B` (begin) event, root first, all at the sample's time.
/// So a frame that stays on the stack becomes one long slice rather than one slice per sample. When the
/// file is rendered every frame still open is closed, so each `B` has its `E`.
///
/// Beyond py-spy we add `thread_name` (and, for subprocesses, `process_name`) metadata events, so the viewer
/// labels tracks with thread names instead of bare pthread numbers.
package struct ChromeTraceWriter: ProfileWriter, Sendable {
    private let lineNumbers: LineNumbers
    private let category: String
    private var frames = FrameInterner()
    private var threadKeys = Interner<ThreadKey>()
    private var threads: [ThreadTrack] = []
    private var events: [Event] = []
    private var processNames: [Int32: String] = [:]
    private var lastTimestamp: UInt64 = 0
    private var scratch: [UInt32] = []

    /// Tracks are per process and Python thread. (py-spy keys them by thread id alone, which would splice
    /// together two subprocesses whose pthread values happen to coincide.)
    private struct ThreadTrack: Sendable {
        var key: ThreadKey
        var label: String
        /// The frames currently open, root first.
        var open: [UInt32] = []
    }

    /// One begin or end event; 24 bytes however long the names involved.
    private struct Event: Sendable {
        var timestamp: UInt64
        var frame: UInt32
        var thread: UInt32
        var begins: Bool
    }

    /// - Parameter category: every event's `cat`; py-spy's `"py-spy"` by default, so trace queries written
    ///   against py-spy files keep matching.
    package init(lineNumbers: LineNumbers = .current, category: String = "py-spy") {
        self.lineNumbers = lineNumbers
        self.category = category
    }

    package mutating func add(_ stacks: [ThreadStack], at time: Duration) {
        // Timestamps must not go backwards within a track; a caller's clock never should, but clamp anyway.
        let timestamp = max(Self.microseconds(time), lastTimestamp)
        lastTimestamp = timestamp
        for stack in stacks {
            let key = ThreadKey(stack)
            let index = Int(threadKeys.id(for: key))
            if index == threads.count {
                threads.append(ThreadTrack(key: key, label: Self.trackLabel(for: stack)))
            } else if stack.threadName != nil {
                threads[index].label = Self.trackLabel(for: stack)
            }
            if let info = stack.processInfo { processNames[stack.pid] = info.commandLine }

            frames.rootFirstIDs(of: stack, into: &scratch) { $0.fullKey(lineNumbers) }
            transition(thread: index, to: scratch, at: timestamp)
        }
    }

    /// Ends the frames of `thread`'s open stack past the common prefix (innermost first) and begins the new
    /// ones (root first). Frames match when name, file and — when shown — line are equal, which is exactly
    /// equality of their interned keys.
    private mutating func transition(thread: Int, to newStack: [UInt32], at timestamp: UInt64) {
        let open = threads[thread].open
        var common = 0
        while common < open.count, common < newStack.count, open[common] == newStack[common] {
            common += 1
        }
        let track = UInt32(thread)
        for frame in open[common...].reversed() {
            events.append(Event(timestamp: timestamp, frame: frame, thread: track, begins: false))
        }
        for frame in newStack[common...] {
            events.append(Event(timestamp: timestamp, frame: frame, thread: track, begins: true))
        }
        threads[thread].open = newStack
    }

    /// A JSON array of metadata events, then the begin/end events, then an `E` at the last sample's time for
    /// every frame still open. Single line plus a newline, like py-spy.
    package func render() -> String {
        let frameTexts = frames.values.map(framePrefix)
        let threadTexts = threads.map { ",\"pid\":\($0.key.pid),\"tid\":\($0.key.threadID),\"ts\":" }
        var out = "["
        out.reserveCapacity(64 + events.count * 120)
        var first = true
        func separate() {
            if !first { out += "," }
            first = false
        }
        for pid in processNames.keys.sorted() {
            separate()
            out += "{\"args\":{\"name\":\(JSONText.quoted(processNames[pid] ?? ""))},\"name\":\"process_name\""
            out += ",\"ph\":\"M\",\"pid\":\(pid)}"
        }
        for track in threads {
            separate()
            out += "{\"args\":{\"name\":\(JSONText.quoted(track.label))},\"name\":\"thread_name\",\"ph\":\"M\""
            out += ",\"pid\":\(track.key.pid),\"tid\":\(track.key.threadID)}"
        }
        // Appending pieces to one buffer, rather than building a string per event, keeps rendering linear
        // and cheap even for hundreds of megabytes of trace.
        func append(_ event: Event) {
            separate()
            out += frameTexts[Int(event.frame)]
            out += event.begins ? "B\"" : "E\""
            out += threadTexts[Int(event.thread)]
            out += String(event.timestamp)
            out += "}"
        }
        for event in events {
            append(event)
        }
        for (index, track) in threads.enumerated() {
            for frame in track.open.reversed() {
                append(Event(timestamp: lastTimestamp, frame: frame, thread: UInt32(index), begins: false))
            }
        }
        out += "]\n"
        return out
    }

    /// How many begin/end events are held (excluding the closing ones added by `render`).
    package var eventCount: Int { events.count }

    /// Everything of an event up to the phase letter, which depends only on the frame.
    private func framePrefix(_ frame: FrameKey) -> String {
        let line = lineNumbers.showsLineNumbers ? String(frame.line) : "null"
        return "{\"args\":{\"filename\":\(JSONText.quoted(frame.file)),\"line\":\(line)},\"cat\":"
            + "\(JSONText.quoted(category)),\"name\":\(JSONText.quoted(frame.name)),\"ph\":\""
    }

    /// The track's display name: `Thread <tid> "<name>"` (the kernel tid when known, since the event `tid`
    /// is the pthread value py-spy uses, which means nothing to a reader).
    private static func trackLabel(for stack: ThreadStack) -> String {
        guard let name = stack.threadName else { return "Thread \(stack.displayThreadID)" }
        return "Thread \(stack.displayThreadID) \"\(name)\""
    }

    /// Whole microseconds in `time`; negative durations count as zero.
    static func microseconds(_ time: Duration) -> UInt64 {
        let (seconds, attoseconds) = time.components
        guard seconds >= 0, attoseconds >= 0 || seconds > 0 else { return 0 }
        let micros = seconds.multipliedReportingOverflow(by: 1_000_000)
        guard !micros.overflow else { return .max }
        return UInt64(max(0, micros.partialValue + attoseconds / 1_000_000_000_000))
    }
}
