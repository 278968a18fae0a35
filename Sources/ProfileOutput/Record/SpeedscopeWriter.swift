import ProfileModel

/// The `speedscope` format: speedscope's file format (https://www.speedscope.app/file-format-schema.json)
/// with one "sampled" profile per thread, laid out as py-spy writes it (reference §2.4) so that scripts
/// reading py-spy's files read ours.
///
/// Speedscope replays samples in order, so one entry per sample must be kept; each entry is a single stack
/// id, and each distinct stack and frame is stored once.
public struct SpeedscopeWriter: ProfileWriter, Sendable {
    public static let schemaURL = "https://www.speedscope.app/file-format-schema.json"

    private let options: RecordOutputOptions
    private var frames = FrameInterner()
    private var stackTable = Interner<[UInt32]>()
    private var threads: [ThreadKey: ThreadSamples] = [:]
    private var scratch: [UInt32] = []

    /// py-spy makes one profile per (pid, Python thread id).
    private struct ThreadSamples: Sendable {
        /// Fixed by the thread's first sample, as py-spy does.
        var name: String
        var key: ThreadKey
        var stackIDs: [UInt32] = []
    }

    public init(options: RecordOutputOptions = RecordOutputOptions()) {
        self.options = options
    }

    public mutating func add(_ stacks: [ThreadStack], at time: Duration) {
        for stack in stacks {
            frames.rootFirstIDs(of: stack, into: &scratch) { $0.fullKey(options.lineNumbers) }
            let stackID = stackTable.id(for: scratch)
            let key = ThreadKey(stack)
            threads[key, default: ThreadSamples(name: Self.profileName(for: stack), key: key)].stackIDs.append(stackID)
        }
    }

    /// `Thread <tid> "<name>"`, prefixed by `Process <pid> ` when sampling subprocesses (the stacks then
    /// carry `processInfo`). A thread without a name gets `""`.
    static func profileName(for stack: ThreadStack) -> String {
        let thread = "Thread \(stack.displayThreadID) \"\(stack.threadName ?? "")\""
        return stack.processInfo == nil ? thread : "Process \(stack.pid) \(thread)"
    }

    /// Single-line JSON and a newline, keys in py-spy's order.
    public func render() -> String {
        let rate = Double(max(options.sampleRate, 1))
        let weight = JSONText.number(1 / rate)
        let stackTexts = stackTable.values.map { "[" + $0.map { String($0) }.joined(separator: ",") + "]" }

        var out = "{\"$schema\":\(JSONText.quoted(Self.schemaURL)),\"profiles\":["
        let profiles = threads.values.sorted { lhs, rhs in
            if lhs.name != rhs.name { return lhs.name.bytewiseLess(rhs.name) }
            return (lhs.key.pid, lhs.key.threadID) < (rhs.key.pid, rhs.key.threadID)
        }
        for (index, profile) in profiles.enumerated() {
            if index > 0 { out += "," }
            out += "{\"type\":\"sampled\",\"name\":\(JSONText.quoted(profile.name)),\"unit\":\"seconds\""
            out += ",\"startValue\":0.0,\"endValue\":\(JSONText.number(Double(profile.stackIDs.count) / rate))"
            out += ",\"samples\":["
            out += profile.stackIDs.lazy.map { stackTexts[Int($0)] }.joined(separator: ",")
            out += "],\"weights\":["
            out += repeatElement(weight, count: profile.stackIDs.count).joined(separator: ",")
            out += "]}"
        }
        out += "],\"shared\":{\"frames\":["
        let showLines = options.lineNumbers.showsLineNumbers
        for (index, frame) in frames.values.enumerated() {
            if index > 0 { out += "," }
            out += "{\"name\":\(JSONText.quoted(frame.name)),\"file\":\(JSONText.quoted(frame.file))"
            out += ",\"line\":\(showLines ? String(frame.line) : "null"),\"col\":null}"
        }
        out += "]},\"activeProfileIndex\":null,\"exporter\":\(JSONText.quoted(options.exporter))"
        out += ",\"name\":\(JSONText.quoted("\(Self.toolName(options.exporter)) profile"))}\n"
        return out
    }

    /// How many distinct stacks are held.
    public var distinctStackCount: Int { stackTable.count }

    /// `swiftspy` from `swiftspy@0.1.0`: the file's display name uses the tool's name, as py-spy's does.
    private static func toolName(_ exporter: String) -> String {
        exporter.split(separator: "@", maxSplits: 1).first.map(String.init) ?? exporter
    }
}
