import LiveTestSupport
import Foundation
import Testing

/// Each output format, written by a real recording and parsed back: speedscope and chrometrace as JSON with
/// py-spy's layout, the flamegraph as well-formed XML. Run on 2.7 and 3.12 (or the oldest and newest installed);
/// raw is checked on every interpreter by RecordSplitTests. `--idle` keeps every thread, so each has a profile or
/// a track. The target exits by itself after 1.5 s, so these runs also cover "Stopped sampling because process
/// exited".
@Suite("record: output formats parsed back", .enabled(if: LiveEnvironment.enabled, "SWIFTSPY_SKIP_LIVE=1"))
struct RecordFormatTests {
    static let rate = 200

    enum Format: String, CaseIterable, Sendable {
        case flamegraph, speedscope, chrometrace

        /// py-spy's completion lines (reference §1.8).
        func completionLines(path: String, samples: Int, errors: Int) -> [String] {
            let counts = "Samples: \(samples) Errors: \(errors)"
            switch self {
            case .flamegraph: return ["Wrote flamegraph data to '\(path)'. \(counts)"]
            case .speedscope:
                return ["Wrote speedscope file to '\(path)'. \(counts)", "Visit https://www.speedscope.app/ to view"]
            case .chrometrace:
                return [
                    "Wrote chrome trace to '\(path)'. \(counts)",
                    "Visit chrome://tracing or https://ui.perfetto.dev/ to view"
                ]
            }
        }
    }

    @Test("The file parses back and holds the target's frames", arguments: Interpreters.formatCoverage, Format.allCases)
    func format(_ interpreter: Interpreter, _ format: Format) async throws {
        let source = try SplitTarget.source()
        let run = try await inCPUSlot {
            let scratch = try ScratchDirectory()
            defer { scratch.remove() }
            return try Recording.launched(
                interpreter, flags: ["-r", String(Self.rate), "-f", format.rawValue, "--idle"],
                outputName: "profile.\(format)",
                targetOptions: ["--exit-after", "1.5"], in: scratch)
        }
        try #require(run.result.succeeded, "\(run.result.summary)")
        let report = try #require(run.report, "the target never wrote its report")
        let samples = try #require(run.result.samplesWritten, "no `Wrote … Samples: N` line: \(run.result.stdout)")
        let errors = run.result.errorsReported ?? -1
        #expect(run.countProblem == nil, "\(interpreter.label): \(run.countProblem ?? ""): \(run.result.stdout)")

        #expect(
            run.stdoutLines == [
                "Sampling process \(Self.rate) times a second. Press Control-C to exit.",
                "Stopped sampling because process exited"
            ]
                + format.completionLines(path: run.outputPath, samples: samples, errors: errors),
            "stdout: \(run.result.stdout)")
        #expect(run.childStateAfterExit == nil, "the target outlived swiftspy")
        let data = try #require(run.output, "no output file")
        let script = try SplitTarget.scriptPath()
        let busy75 = try source.mark("work_75 busy line")
        let span75 = try source.lines(of: "work_75")

        switch format {
        case .speedscope:
            let profile = try SpeedscopeProfile.parse(data, rate: Self.rate)
            #expect(
                profile.sampleCount == samples,
                "\(profile.sampleCount) samples in the file, swiftspy reported \(samples)")
            // Every sample weighs 1/rate (checked per profile while parsing), so the total is samples/rate.
            let expectedWeight = Double(samples) / Double(Self.rate)
            #expect(
                abs(profile.totalWeight - expectedWeight) < 1e-6 * Double(max(samples, 1)),
                "weights add up to \(profile.totalWeight) s, expected samples/rate = \(expectedWeight) s")
            // Frames carry the full filename (never shortened) and the current line.
            let work75 = profile.frames.filter { $0.name == "work_75" }
            #expect(
                !work75.isEmpty && work75.allSatisfy { $0.file == script && $0.line.map(span75.contains) == true },
                "work_75 frames: \(work75)")
            #expect(work75.contains { $0.line == busy75 }, "no work_75 frame on line \(busy75): \(work75)")
            #expect(profile.samples(in: "work_75") > profile.samples(in: "work_25"), "work_75 should dominate")
            // One profile per thread, named `Thread <tid> "<name>"` after its first sample. The main thread's first
            // samples come before `threading` is imported, so its name may be empty (as py-spy's would be).
            let main = try report.thread("main")
            let sleeper = try report.thread("sleeper")
            let names = profile.profiles.map(\.name)
            #expect(
                names.contains("Thread \(main.nativeID) \"\(main.name)\"")
                    || names.contains("Thread \(main.nativeID) \"\""),
                "profile names: \(names)")
            // The idle threads (kept by --idle) start after `threading`, so they are named from their first sample.
            for thread in [sleeper, try report.thread("waiter")] {
                #expect(
                    names.contains("Thread \(thread.nativeID) \"\(thread.name)\"")
                        || (report.majorVersion == 2 && names.contains("Thread \(thread.nativeID) \"\"")),
                    "no profile for \(thread.name): \(names)")
            }
            #expect(names == names.sorted(), "profiles are sorted by name: \(names)")

        case .chrometrace:
            let trace = try ChromeTrace.parse(data)
            #expect(trace.sequenceProblems.isEmpty, "chrometrace sequence: \(trace.sequenceProblems)")
            let durations = trace.events.filter { !$0.isMetadata }
            #expect(!durations.isEmpty, "no B/E events")
            #expect(durations.allSatisfy { $0.pid == Int(report.pid) }, "events with a pid other than \(report.pid)")
            // tid is the Python thread id (pthread_t), not the kernel tid.
            let idents = Set(report.threads.map { Int(truncatingIfNeeded: $0.ident) })
            let tids = Set(durations.map(\.tid))
            #expect(
                tids == idents, "event tids \(tids) are not the target's thread idents \(idents) (all kept by --idle)")
            let begins75 = durations.filter { $0.begins && $0.name == "work_75" }
            #expect(!begins75.isEmpty, "no B event for work_75")
            #expect(
                begins75.allSatisfy { $0.filename == script && $0.line.map(span75.contains) == true },
                "work_75 events: \(begins75.prefix(5))")
            #expect(durations.contains { $0.begins && $0.name == "work_25" }, "no B event for work_25")

        case .flamegraph:
            let svg = try FlamegraphSVG.parse(data)
            #expect(svg.rootElement == "svg", "root element <\(svg.rootElement)>")
            let tooltips = svg.tooltips
            // `all` counts the traces that have frames: those with none (interpreter start-up and shutdown, see
            // RawChecks.totalMatches) have nothing to draw. Percentages are of `all`, to inferno's 2 decimals.
            let all = try #require(tooltips.first { $0.label == "all" }, "no `all` tooltip")
            #expect(
                all.percent == 100 && (max(0, samples - max(5, samples / 50))...samples).contains(all.samples),
                "the `all` tooltip: \(all), swiftspy reported \(samples) samples")
            for name in ["work_75", "work_25", "busy", "main", "sleep_forever_idle", "wait_forever_idle"] {
                #expect(tooltips.contains { FrameLabel($0.label).name == name }, "no <title> for \(name)")
            }
            #expect(
                tooltips.contains { $0.label == "work_75 (\(SplitTarget.fileName):\(busy75))" },
                "no tooltip for work_75's busy line \(busy75)")
            for tooltip in tooltips where all.samples > 0 {
                let expected = 100 * Double(tooltip.samples) / Double(all.samples)
                #expect(
                    abs(tooltip.percent - expected) <= 0.006,
                    "\(tooltip.label): \(tooltip.percent) % for \(tooltip.samples) of \(all.samples) samples")
            }
        }
        print(
            "RecordLiveTests: \(format) from \(interpreter.label) (Python \(report.pythonVersion)) parsed back: \(samples) samples"
        )
    }
}
