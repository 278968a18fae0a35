import LiveTestSupport
import Foundation
import Testing

/// Stacks and thread lists of any length (issues 13.2 and 12.6). Both used to stop at 4,096: a deeper stack
/// failed every thread of the dump ("implausible size (4096)"), and a process with more threads was not even
/// recognised ("could not locate its interpreter state").
@Suite("dump of deep stacks and many threads", .enabled(if: LiveEnvironment.enabled, "SWIFTSPY_SKIP_LIVE=1"))
struct DeepStackTests {
    /// Reached by every installed interpreter: 2.7–3.10 recurse in C, so the target's recursing thread gets a
    /// 1 GiB stack (they reach a million frames so); 3.11+ need only the recursion limit raised.
    static let depth = 100_000

    @Test("A 100,000-frame recursion is dumped whole, beside the other thread", arguments: Interpreters.installed)
    func deepRecursion(_ interpreter: Interpreter) async throws {
        let (report, result) = try await offloaded { () throws -> (JSONValue, CommandResult) in
            let script = try LiveEnvironment.targetsDirectory().appendingPathComponent("deep_stack.py").path
            let target = try ReadyTarget(
                interpreter.executable, ["-B", "-E", "-s", script, String(Self.depth)],
                timeout: .seconds(120))
            defer { target.stop() }
            let report = try JSONValue.parse(target.readyLine)
            return (
                report,
                try CommandRunner.swiftspy(
                    ["dump", "--pid", String(target.pid), "--json"],
                    timeout: .seconds(120))
            )
        }
        try #require(result.exitedNormally && result.status == 0, "\(result.summary)")
        let threads = try BigDump.parse(result.stdout)
        let deepID = try #require(report.objectValue?["deep"]?.unsignedValue)
        let mainID = try #require(report.objectValue?["main"]?.unsignedValue)
        #expect(Set(threads.map(\.threadID)) == [deepID, mainID])
        let deep = try #require(threads.first { $0.threadID == deepID }).frames
        // Innermost first: Event.wait's frames, then every call of `descend`, then the thread's own start.
        let descents = deep.drop { $0.name != "descend" }.prefix { $0.name == "descend" }
        #expect(descents.count == Self.depth + 1, "\(interpreter.label): \(descents.count) descend frames")
        #expect(deep.filter { $0.name == "descend" }.count == Self.depth + 1)
        #expect(deep.first?.filename.hasSuffix("threading.py") == true, "innermost: \(deep.first.debugDescription)")
        #expect(
            deep.last?.filename.hasSuffix("threading.py") == true && deep.last?.name.hasSuffix("_bootstrap") == true,
            "\(interpreter.label): outermost \(deep.last.debugDescription)")
        let main = try #require(threads.first { $0.threadID == mainID }).frames
        #expect(main.last?.name == "<module>", "\(interpreter.label): main thread \(main.map(\.name))")
    }

    static let threadCount = 4200

    /// One interpreter at a time: each target holds 4,200 threads, and the machine has a few tens of thousands.
    @Test("4,200 threads are all dumped", .serialized, arguments: Interpreters.installed)
    func manyThreads(_ interpreter: Interpreter) async throws {
        let (idents, result, seconds) = try await offloaded { () throws -> ([UInt64], CommandResult, Double) in
            let script = try LiveEnvironment.targetsDirectory().appendingPathComponent("many_threads.py").path
            let target = try ReadyTarget(
                interpreter.executable,
                ["-B", "-E", "-s", script, String(Self.threadCount)], timeout: .seconds(120))
            defer { target.stop() }
            let idents =
                try JSONValue.parse(target.readyLine).objectValue?["idents"]?.arrayValue?
                .compactMap(\.unsignedValue) ?? []
            let started = ContinuousClock.now
            let result = try CommandRunner.swiftspy(
                ["dump", "--pid", String(target.pid), "--json"],
                timeout: .seconds(120))
            let elapsed = (ContinuousClock.now - started).components
            return (idents, result, Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18)
        }
        try #require(idents.count == Self.threadCount + 1, "the target reported \(idents.count) threads")
        try #require(result.exitedNormally && result.status == 0, "\(result.summary)")
        let threads = try BigDump.parse(result.stdout)
        #expect(threads.count == idents.count)
        #expect(Set(threads.map(\.threadID)) == Set(idents))
        let parked = threads.filter { $0.threadName?.hasPrefix("parked-") ?? false }
        #expect(parked.count == Self.threadCount)
        #expect(parked.allSatisfy { $0.frames.contains { $0.name == "wait" } && !$0.active })
        print(
            "DeepStackTests: dump --json of \(threads.count) threads (\(interpreter.label)) took "
                + String(format: "%.2f", seconds) + " s")
    }
}

/// The parts of a large `dump --json` these tests check, parsed by Foundation: the suite's own JSON reader is
/// exact but, built for debugging, takes minutes over the 30 MB of a 100,000-frame stack.
struct BigDump {
    struct Frame: CustomDebugStringConvertible {
        let name: String
        let filename: String
        var debugDescription: String { "\(name) (\(filename))" }
    }

    let threadID: UInt64
    let threadName: String?
    let active: Bool
    let frames: [Frame]

    static func parse(_ text: String) throws -> [BigDump] {
        guard let threads = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] else {
            throw LiveTestError("dump --json is not an array of objects: \(text.prefix(200))")
        }
        return try threads.map { thread in
            guard let id = (thread["thread_id"] as? NSNumber)?.uint64Value,
                let frames = thread["frames"] as? [[String: Any]]
            else {
                throw LiveTestError("a thread without thread_id or frames: \(thread)")
            }
            return BigDump(
                threadID: id, threadName: thread["thread_name"] as? String,
                active: (thread["active"] as? Bool) ?? true,
                frames: frames.map {
                    Frame(name: $0["name"] as? String ?? "", filename: $0["filename"] as? String ?? "")
                })
        }
    }
}
