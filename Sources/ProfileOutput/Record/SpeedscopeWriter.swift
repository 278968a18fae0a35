import ProfileModel

/// The `speedscope` format: speedscope's file format (https://www.speedscope.app/file-format-schema.json)
/// with one "sampled" profile per thread, laid out as py-spy writes it (reference §2.4) so that scripts
/// reading py-spy's files read ours.
///
/// Speedscope replays samples in order, so one entry per sample must be kept; each entry is a single stack
/// id, and each distinct stack and frame is stored once.
package struct SpeedscopeWriter: ProfileWriter, Sendable {
    package static let schemaURL = "https://www.speedscope.app/file-format-schema.json"

    private let options: RecordOutputOptions
    private var frames = FrameInterner()
    private var stackTable = Interner<[UInt32]>()
    private var threads: [ThreadKey: ThreadSamples] = [:]
    private var scratch: [UInt32] = []

    /// py-spy makes one profile per (pid, Python thread id).
    private struct ThreadSamples: Sendable {
        /// Set by the thread's first sample, as py-spy does, except that a thread first seen before it had a
        /// name (sampled between its start and `threading` registering it) takes the name it is later seen
        /// with, instead of staying `""` for good.
        var name: String
        var named: Bool
        var key: ThreadKey
        var stackIDs: [UInt32] = []

        init(first stack: ThreadStack, key: ThreadKey) {
            name = SpeedscopeWriter.profileName(for: stack)
            named = stack.threadName != nil
            self.key = key
        }

        mutating func add(_ stackID: UInt32, of stack: ThreadStack) {
            stackIDs.append(stackID)
            if !named, stack.threadName != nil {
                name = SpeedscopeWriter.profileName(for: stack)
                named = true
            }
        }
    }

    package init(options: RecordOutputOptions = RecordOutputOptions()) {
        self.options = options
    }

    package mutating func add(_ stacks: [ThreadStack], at time: Duration) {
        for stack in stacks {
            frames.rootFirstIDs(of: stack, into: &scratch) { $0.fullKey(options.lineNumbers) }
            let stackID = stackTable.id(for: scratch)
            let key = ThreadKey(stack)
            threads[key, default: ThreadSamples(first: stack, key: key)].add(stackID, of: stack)
        }
    }

    /// `Thread <tid> "<name>"`, prefixed by `Process <pid> ` when sampling subprocesses (the stacks then
    /// carry `processInfo`). A thread without a name gets `""`.
    static func profileName(for stack: ThreadStack) -> String {
        let thread = "Thread \(stack.displayThreadID) \"\(stack.threadName ?? "")\""
        return stack.processInfo == nil ? thread : "Process \(stack.pid) \(thread)"
    }

    /// Single-line JSON and a newline, keys in py-spy's order.
    package func render() -> String {
        var bytes: [UInt8] = []
        write { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Streams the JSON into the file rather than building its whole text first: a long recording holds one
    /// id per sample, and its text is several times that.
    package func write(to destination: OutputDestination) throws(OutputFileError) {
        try destination.write { emit in write(emit) }
    }

    /// Hands the document to `emit` in pieces of a few kilobytes at most.
    private func write(_ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        var pending = ""
        func put(_ text: String) {
            pending += text
            if pending.utf8.count >= 1 << 14 { flush() }
        }
        func flush() {
            pending.withUTF8(emit)
            pending.removeAll(keepingCapacity: true)
        }
        let rate = Double(max(options.sampleRate, 1))
        let weight = JSONText.number(1 / rate)
        let stacks = stackTable.values

        put("{\"$schema\":\(JSONText.quoted(Self.schemaURL)),\"profiles\":[")
        let profiles = threads.values.sorted { lhs, rhs in
            if lhs.name != rhs.name { return lhs.name.bytewiseLess(rhs.name) }
            return (lhs.key.pid, lhs.key.threadID) < (rhs.key.pid, rhs.key.threadID)
        }
        for (index, profile) in profiles.enumerated() {
            if index > 0 { put(",") }
            put("{\"type\":\"sampled\",\"name\":\(JSONText.quoted(profile.name)),\"unit\":\"seconds\"")
            put(",\"startValue\":0.0,\"endValue\":\(JSONText.number(Double(profile.stackIDs.count) / rate))")
            put(",\"samples\":[")
            for (position, stackID) in profile.stackIDs.enumerated() {
                put(position > 0 ? ",[" : "[")
                for (depth, frame) in stacks[Int(stackID)].enumerated() {
                    put(depth > 0 ? ",\(frame)" : String(frame))
                }
                put("]")
            }
            put("],\"weights\":[")
            for position in profile.stackIDs.indices { put(position > 0 ? "," + weight : weight) }
            put("]}")
        }
        put("],\"shared\":{\"frames\":[")
        let showLines = options.lineNumbers.showsLineNumbers
        for (index, frame) in frames.values.enumerated() {
            if index > 0 { put(",") }
            put("{\"name\":\(JSONText.quoted(frame.name)),\"file\":\(JSONText.quoted(frame.file))")
            put(",\"line\":\(showLines ? String(frame.line) : "null"),\"col\":null}")
        }
        put("]},\"activeProfileIndex\":null,\"exporter\":\(JSONText.quoted(options.exporter))")
        put(",\"name\":\(JSONText.quoted("\(Self.toolName(options.exporter)) profile"))}\n")
        flush()
    }

    /// How many distinct stacks are held.
    package var distinctStackCount: Int { stackTable.count }

    /// `swiftspy` from `swiftspy@0.1.0`: the file's display name uses the tool's name, as py-spy's does.
    private static func toolName(_ exporter: String) -> String {
        exporter.split(separator: "@", maxSplits: 1).first.map(String.init) ?? exporter
    }
}
