import LiveTestSupport
import Testing

/// `swiftspy dump --json` must say exactly what CPython says about itself: same threads, names, kernel tids, and
/// frames (name, file, line, in order), on every installed interpreter. The target's report is the truth
/// (`Targets/reporter.py`), so version differences such as 3.12's inlined comprehensions need no special cases.
@Suite("dump --json equals CPython's own view", .enabled(if: LiveEnvironment.enabled, "SWIFTSPY_SKIP_LIVE=1"))
struct DumpJSONTests {
    @Test("Threads and frames match the interpreter's report", arguments: Interpreters.installed)
    func jsonMatchesReport(_ interpreter: Interpreter) async throws {
        let (report, result) = try await offloaded {
            let target = try ParkedTarget.launch(interpreter)
            defer { target.stop() }
            return (target.report, try CommandRunner.swiftspy(["dump", "--pid", String(target.pid), "--json"]))
        }
        try #require(result.exitedNormally && result.status == 0, "\(result.summary)")
        let dumped = try DumpedThread.parseDocument(result.stdout)
            .filter { $0.threadID != report.reporterIdent }

        let dumpedIDs = dumped.map(\.threadID)
        let reportedIDs = report.threads.map(\.ident)
        #expect(Set(dumpedIDs) == Set(reportedIDs), "thread ids: dumped \(dumpedIDs), CPython \(reportedIDs)")
        // py-spy prints JSON in interpreter order: CPython pushes new threads at the head, so newest first.
        #expect(dumpedIDs == report.startOrder.reversed(), "JSON thread order should be newest first")

        for thread in report.threads {
            guard let match = dumped.first(where: { $0.threadID == thread.ident }) else { continue }
            check(match, against: thread, in: report)
        }
        let frameCount = report.threads.map(\.frames.count).reduce(0, +)
        print(
            "LiveInterpreterTests: checked dump --json against \(interpreter.label)",
            "(Python \(report.pythonVersion)): \(report.threads.count) threads, \(frameCount) frames")
    }

    private func check(_ dumped: DumpedThread, against thread: TargetReport.Thread, in report: TargetReport) {
        let who = "thread \(thread.ident) (\(thread.name ?? "unnamed"))"
        #expect(dumped.pid == UInt64(report.pid), "\(who): pid")
        // Names on every version, 2.7 included (py-spy only looks them up on 3.6+).
        #expect(dumped.threadName == thread.name, "\(who): thread_name")
        #expect(dumped.osThreadID == thread.nativeID, "\(who): os_thread_id")
        // Every reported thread sleeps in a system call with the GIL released.
        #expect(!dumped.active, "\(who): a parked thread is idle")
        #expect(!dumped.ownsGIL, "\(who): a parked thread does not hold the GIL")
        #expect(dumped.processInfoIsNull, "\(who): process_info is null without --subprocesses")

        let frames = dumped.frames.map(\.asReported)
        #expect(
            frames == thread.frames,
            "\(who): frames differ\n  swiftspy: \(frames)\n  CPython:  \(thread.frames)")
        for frame in dumped.frames {
            #expect(
                frame.shortFilename == ShortFilename.of(frame.filename),
                "\(who): short_filename of \(frame.filename)")
            #expect(frame.module == nil, "\(who): module is null for Python frames")
            #expect(frame.localsIsNull, "\(who): locals is null without --locals")
        }
    }
}
