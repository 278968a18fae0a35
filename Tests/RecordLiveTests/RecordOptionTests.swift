import LiveTestSupport
import Foundation
import Testing

/// The options that change what a profile holds, on every interpreter, each checked against the target's own
/// report: `--threads` roots, `--idle`, `--gil`, `--function` and `--nolineno`. Two recordings per interpreter
/// combine them (`--function` and `--nolineno` exclude each other). The target exits by itself after 1.5 s.
@Suite(
    "record: --threads, --idle, --gil, --function, --nolineno",
    .enabled(if: LiveEnvironment.enabled, "SWIFTSPY_SKIP_LIVE=1"))
struct RecordOptionTests {
    static let rate = 200

    static func record(_ interpreter: Interpreter, _ flags: [String]) async throws -> (
        Recording, RawProfile, SplitTarget.Report
    ) {
        let run = try await inCPUSlot {
            let scratch = try ScratchDirectory()
            defer { scratch.remove() }
            return try Recording.launched(
                interpreter, flags: flags + ["-r", String(rate), "-f", "raw"], outputName: "options.txt",
                targetOptions: ["--exit-after", "1.5"], in: scratch)
        }
        try #require(run.result.succeeded, "\(run.result.summary)")
        let report = try #require(run.report, "\(interpreter.label): the target never wrote its report")
        #expect(run.stdoutLines.contains("Stopped sampling because process exited"), "stdout: \(run.result.stdout)")
        #expect(run.childStateAfterExit == nil, "\(interpreter.label): the target outlived swiftspy")
        #expect(run.countProblem == nil, "\(interpreter.label): \(run.countProblem ?? ""): \(run.result.stdout)")
        let raw = try RawProfile.parse(run.outputText)
        RawChecks.totalMatches(raw, run, framelessAllowed: !flags.contains("--threads"), context: interpreter.label)
        return (run, raw, report)
    }

    @Test(
        "--threads --idle --function: named thread roots, the sleeper kept, first lines",
        arguments: Interpreters.installed)
    func threadsIdleFunction(_ interpreter: Interpreter) async throws {
        let source = try SplitTarget.source()
        let (_, raw, report) = try await Self.record(interpreter, ["--threads", "--idle", "--function"])
        let main = try report.thread("main")
        let sleeper = try report.thread("sleeper")
        let waiter = try report.thread("waiter")

        // Every stack starts with a thread root naming a kernel tid the target reported, with its own name.
        var rootsSeen: [String: ThreadRoot] = [:]
        for stack in raw.stacks {
            guard let first = stack.frames.first, let root = ThreadRoot(first) else {
                Issue.record(
                    "\(interpreter.label): stack without a thread root: \(stack.frames.joined(separator: ";"))")
                continue
            }
            rootsSeen[first] = root
        }
        for thread in [main, sleeper, waiter] {
            let named = "thread (\(thread.nativeID)): \(thread.name)"
            // py-spy names threads on 3.6+ only; swiftspy may name 2.7's too.
            let acceptable = report.majorVersion == 2 ? [named, "thread (\(thread.nativeID))"] : [named]
            #expect(
                acceptable.contains { rootsSeen[$0] != nil },
                "\(interpreter.label): no root \(named); roots: \(rootsSeen.keys.sorted())")
        }
        // Every root names one of the target's threads. The one exception is `thread (0x0)`: 3.12+ creates a
        // thread state before its thread runs and binds its ids only then (also py-spy's `{:#X}` of a zero
        // pthread_t), so a sample taken while the target starts a thread may show it, without any frame of ours.
        let knownTIDs = Set([main, sleeper, waiter].map { String($0.nativeID) })
        for stack in raw.stacks {
            guard let root = stack.frames.first.flatMap(ThreadRoot.init), !knownTIDs.contains(root.tid) else {
                continue
            }
            #expect(
                root.tid == "0x0"
                    && stack.frames.dropFirst().allSatisfy { FrameLabel($0).file != SplitTarget.fileName },
                "\(interpreter.label): a root naming a tid the target does not have (\(knownTIDs.sorted())): \(stack.frames.joined(separator: ";")) \(stack.count)"
            )
        }

        // Each function sits under its own thread's root.
        for (function, thread) in [
            ("work_75", main), ("work_25", main), ("sleep_forever_idle", sleeper), ("wait_forever_idle", waiter)
        ] {
            let stacks = raw.stacks.filter { $0.frames.contains { FrameLabel($0).name == function } }
            #expect(!stacks.isEmpty, "\(interpreter.label): no \(function) with --idle:\n\(raw.excerpt)")
            #expect(
                stacks.allSatisfy { ThreadRoot($0.frames[0])?.tid == String(thread.nativeID) },
                "\(interpreter.label): \(function) under another thread's root:\n\(raw.excerpt)")
        }

        // --function: every frame of the target's file carries its function's first line.
        try RawChecks.busyLabels(raw, source: source, lineMode: .function, context: interpreter.label)
        for label in raw.allLabels {
            let frame = FrameLabel(label)
            guard frame.file == SplitTarget.fileName else { continue }
            let expected = frame.name == "<module>" ? report.moduleFirstLine : try source.firstLine(of: frame.name)
            #expect(
                frame.line == expected, "\(interpreter.label): --function label \(label), expected line \(expected)")
        }
    }

    @Test("--gil --idle --nolineno: only the GIL holder, no line numbers", arguments: Interpreters.installed)
    func gilNolineno(_ interpreter: Interpreter) async throws {
        if interpreter.isFreeThreaded {
            // No GIL to hold: --gil would keep nothing, so it is refused up front with the reason.
            let run = try await inCPUSlot {
                let scratch = try ScratchDirectory()
                defer { scratch.remove() }
                return try Recording.launched(
                    interpreter, flags: ["--gil", "-r", String(Self.rate), "-f", "raw"],
                    outputName: "options.txt", targetOptions: ["--exit-after", "1.5"],
                    in: scratch)
            }
            #expect(
                !run.result.succeeded && run.result.stderr.contains("free-threaded build of Python")
                    && run.result.stderr.contains("leave out --gil"),
                "\(interpreter.label): --gil on a free-threaded build: \(run.result.summary)")
            #expect(run.childStateAfterExit == nil, "\(interpreter.label): the target outlived swiftspy")
            return
        }
        let source = try SplitTarget.source()
        let (_, raw, _) = try await Self.record(interpreter, ["--gil", "--idle", "--nolineno"])

        // Waiting, the idle threads never hold the GIL, so --gil drops them even though --idle would keep them.
        // Before they wait they run Python like any thread (`native_id()` and the list append above the wait),
        // and under load a tick can land there: only their waits count, and as the innermost frame is the same
        // on the way into the wait (the sleeper's own function, the waiter's `threading.wait`), a tick or two of
        // that is allowed (without the GIL filter each would be in nearly every one of ~300 samples).
        let asleep = raw.stacks.filter { $0.frames.last.map { FrameLabel($0).name == "sleep_forever_idle" } == true }
        let waiting = raw.stacks.filter { stack in
            stack.frames.contains { FrameLabel($0).name == "wait_forever_idle" }
                && stack.frames.last.map { FrameLabel($0).name == "wait" } == true
        }
        for (function, stacks, allowed) in [("sleep_forever_idle", asleep, 2), ("wait_forever_idle", waiting, 2)] {
            let count = stacks.reduce(0) { $0 + $1.count }
            #expect(
                count <= allowed,
                "\(interpreter.label): with --gil, \(function) (never the GIL holder once waiting) is in \(count) samples:\n\(raw.excerpt)"
            )
        }
        // The busy main thread holds the GIL nearly all the time.
        #expect(raw.samples(in: "work_75") > 0, "\(interpreter.label): no work_75 with --gil:\n\(raw.excerpt)")

        // --nolineno: `name (file)`, never `name (file:line)`.
        try RawChecks.busyLabels(raw, source: source, lineMode: .none, context: interpreter.label)
        for label in raw.allLabels where FrameLabel(label).line != nil {
            Issue.record("\(interpreter.label): --nolineno label with a line number: \(label)")
        }
        let script = raw.allLabels.filter { FrameLabel($0).file == SplitTarget.fileName }
        #expect(script.contains("work_75 (\(SplitTarget.fileName))"), "labels: \(script.sorted())")
    }
}
