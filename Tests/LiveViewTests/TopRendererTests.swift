import Testing

@testable import LiveView

/// Whole expected screens, plain (no ANSI) unless a test is about styling.
@Suite("top renderer")
struct TopRendererTests {
    static let header = TopHeader(target: "/usr/bin/python3 -S work.py", pythonVersion: "3.11.7")

    static func row(
        _ name: String, _ own: Double, _ total: Double, _ ownTime: Double, _ totalTime: Double,
        line: Int = 0
    ) -> TopRow {
        TopRow(
            key: FrameKey(name: name, file: "work.py", line: line), ownPercent: own, totalPercent: total,
            ownTime: ownTime, totalTime: totalTime)
    }

    /// py-spy's observed example (reference §4.2).
    static let example = TopSnapshot(
        totalSamples: 300, gilPercent: 100, activePercent: 100, threadCount: 2,
        rows: [
            row("leaf", 100, 100, 3, 3), row("sleeper", 0, 0, 0.08, 0.08), row("middle", 0, 100, 0, 3)
        ])

    static func render(
        _ snapshot: TopSnapshot = example, width: Int, height: Int,
        mode: TopScreenMode = .live
    ) -> [String] {
        TopRenderer(size: TerminalSize(width: width, height: height)).render(
            header: header, snapshot: snapshot, mode: mode)
    }

    @Test("--subprocesses: the title says so and the activity line counts processes")
    func subprocesses() {
        var snapshot = Self.example
        snapshot.processCount = 3
        let header = TopHeader(target: "/usr/bin/python3 app.py", pythonVersion: "", subprocesses: true)
        let lines = TopRenderer(size: TerminalSize(width: 80, height: 12)).render(header: header, snapshot: snapshot)
        #expect(lines[0] == "Collecting samples from '/usr/bin/python3 app.py' and subprocesses")
        #expect(lines[2] == "GIL: 100.00%, Active: 100.00%, Threads: 2, Processes: 3")
    }

    @Test("a free-threaded target: the activity line says there is no GIL")
    func freeThreaded() {
        let header = TopHeader(target: "python3.13t app.py", pythonVersion: "3.13.5", freeThreaded: true)
        let wide = TopRenderer(size: TerminalSize(width: 80, height: 12)).render(header: header, snapshot: Self.example)
        #expect(wide[2] == "GIL: none (free-threaded), Active: 100.00%, Threads: 2")
        let narrow = TopRenderer(size: TerminalSize(width: 40, height: 12)).render(
            header: header, snapshot: Self.example)
        #expect(narrow[2] == "GIL none Active 100.00% Threads 2")
    }

    @Test("py-spy's layout, filling the terminal, the key hint at the bottom")
    func standard() {
        #expect(
            Self.render(width: 80, height: 12) == [
                "Collecting samples from '/usr/bin/python3 -S work.py' (python v3.11.7)",
                "Total Samples 300",
                "GIL: 100.00%, Active: 100.00%, Threads: 2",
                "",
                "  %Own   %Total ▼OwnTime  TotalTime  Function (filename)",
                "100.00% 100.00%    3.00s     3.00s   leaf (work.py)",
                "  0.00%   0.00%   0.080s    0.080s   sleeper (work.py)",
                "  0.00% 100.00%   0.000s     3.00s   middle (work.py)",
                "",
                "",
                "",
                "Press q or Control-C to quit, or ? for help."
            ])
    }

    @Test("the sorted column carries the marker, ▲ when ascending; line mode names the file:line header")
    func sortMarkerAndLines() {
        var snapshot = Self.example
        snapshot.options = TopViewOptions(sortColumn: .ownPercent, descending: false, byLine: true)
        snapshot.rows = [Self.row("leaf", 100, 100, 3, 3, line: 6)]
        #expect(
            Self.render(snapshot, width: 80, height: 7) == [
                "Collecting samples from '/usr/bin/python3 -S work.py' (python v3.11.7)",
                "Total Samples 300",
                "GIL: 100.00%, Active: 100.00%, Threads: 2",
                "",
                " ▲%Own   %Total  OwnTime  TotalTime  Function (filename:line)",
                "100.00% 100.00%    3.00s     3.00s   leaf (work.py:6)",
                "Press q or Control-C to quit, or ? for help."
            ])
        snapshot.options = TopViewOptions(sortColumn: .totalTime)
        #expect(
            Self.render(snapshot, width: 80, height: 7)[4]
                == "  %Own   %Total  OwnTime ▼TotalTime  Function (filename)")
    }

    @Test("under 50 columns only the sort column's pair is shown, and every line fits")
    func narrow() {
        #expect(
            Self.render(width: 40, height: 9) == [
                "Collecting samples from '/usr/bin/pytho…",
                "Total Samples 300",
                "GIL 100.00% Active 100.00% Threads 2",
                "",
                "▼OwnTime  TotalTime  Function (filename)",
                "   3.00s     3.00s   leaf (work.py)",
                "  0.080s    0.080s   sleeper (work.py)",
                "  0.000s     3.00s   middle (work.py)",
                "Press q or Control-C to quit, or ? for …"
            ])
        var byPercent = Self.example
        byPercent.options.sortColumn = .totalPercent
        #expect(
            Array(Self.render(byPercent, width: 30, height: 9)[4...]) == [
                "  %Own  ▼%Total   Function (fi",
                "100.00% 100.00%   leaf (…k.py)",
                "  0.00%   0.00%   sleeper (…y)",
                "  0.00% 100.00%   middle (…py)",
                "Press q or Control-C to quit,…"
            ])
        for width in [1, 5, 12, 20, 49, 50, 51] {
            let lines = Self.render(width: width, height: 9)
            #expect(lines.count == 9)
            #expect(lines.allSatisfy { $0.count <= width }, "width \(width): \(lines)")
        }
    }

    @Test("a long command keeps its end and the version; long labels keep the function and the file's end")
    func longNames() {
        var snapshot = Self.example
        snapshot.rows = [
            TopRow(
                key: FrameKey(name: "handle_request", file: "/srv/app/src/service/handlers/requests.py", line: 0),
                ownPercent: 50, totalPercent: 50, ownTime: 1, totalTime: 1)
        ]
        let header = TopHeader(
            target: "/opt/python/3.12/bin/python3 -m service.main --port 8080", pythonVersion: "3.12.1")
        let lines = TopRenderer(size: TerminalSize(width: 70, height: 7)).render(header: header, snapshot: snapshot)
        #expect(
            lines == [
                "Collecting samples from '…m service.main --port 8080' (python v3.12.1)",
                "Total Samples 300",
                "GIL: 100.00%, Active: 100.00%, Threads: 2",
                "",
                "  %Own   %Total ▼OwnTime  TotalTime  Function (filename)",
                " 50.00%  50.00%    1.00s     1.00s   handle_request (…ers/requests.py)",
                "Press q or Control-C to quit, or ? for help."
            ])
        #expect(lines.allSatisfy { $0.count <= 70 })
    }

    @Test("short terminals keep the top lines and the key hint; the table gets what is left")
    func short() {
        #expect(
            Self.render(width: 60, height: 7) == [
                "Collecting samples from '…thon3 -S work.py' (python v3.11.7)",
                "Total Samples 300",
                "GIL: 100.00%, Active: 100.00%, Threads: 2",
                "",
                "  %Own   %Total ▼OwnTime  TotalTime  Function (filename)",
                "100.00% 100.00%    3.00s     3.00s   leaf (work.py)",
                "Press q or Control-C to quit, or ? for help."
            ])
        #expect(
            Self.render(width: 60, height: 3) == [
                "Collecting samples from '…thon3 -S work.py' (python v3.11.7)",
                "Total Samples 300",
                "Press q or Control-C to quit, or ? for help."
            ])
        #expect(Self.render(width: 60, height: 1) == ["Collecting samples from '…thon3 -S work.py' (python v3.11.7)"])
        #expect(Self.render(width: 60, height: 0) == [])
    }

    @Test("? puts the key help above the table")
    func help() {
        var snapshot = Self.example
        snapshot.options.showHelp = true
        let lines = Self.render(snapshot, width: 80, height: 19)
        #expect(
            Array(lines[3...]) == [
                "",
                "Keys:",
                "  1  sort by %Own: own samples in the last interval",
                "  2  sort by %Total: samples on the stack in the last interval",
                "  3  sort by OwnTime: own time since the start (the default)",
                "  4  sort by TotalTime: time on the stack since the start",
                "     (press the sorted column's key again to reverse the order)",
                "  L  toggle aggregating by line number or by function",
                "  R  reset the statistics",
                "  ?  show this help, X hide it",
                "  q  quit (Control-C too)",
                "",
                "  %Own   %Total ▼OwnTime  TotalTime  Function (filename)",
                "100.00% 100.00%    3.00s     3.00s   leaf (work.py)",
                "  0.00%   0.00%   0.080s    0.080s   sleeper (work.py)",
                "Press q or Control-C to quit, or ? for help."
            ])
    }

    @Test("errors and falling behind are reported above the table")
    func warnings() {
        var snapshot = Self.example
        snapshot.totalSamples = 400
        snapshot.errorCount = 8
        snapshot.lastError = "Reading 8 bytes at 0x10 failed\nsecond line"
        snapshot.lag = 1.664
        snapshot.rows = []
        #expect(
            Self.render(snapshot, width: 100, height: 7) == [
                "1.66s behind in sampling, results may be inaccurate. Try reducing the sampling rate.",
                "Collecting samples from '/usr/bin/python3 -S work.py' (python v3.11.7)",
                "Total Samples 400, Error Rate 2.00% (Reading 8 bytes at 0x10 failed)",
                "GIL: 100.00%, Active: 100.00%, Threads: 2",
                "",
                "  %Own   %Total ▼OwnTime  TotalTime  Function (filename)",
                "Press q or Control-C to quit, or ? for help."
            ])
    }

    @Test("the final screen has only its content and ends with the message")
    func final() {
        #expect(
            Self.render(width: 80, height: 30, mode: .final(message: "process 4242 ended")) == [
                "Collecting samples from '/usr/bin/python3 -S work.py' (python v3.11.7)",
                "Total Samples 300",
                "GIL: 100.00%, Active: 100.00%, Threads: 2",
                "",
                "  %Own   %Total ▼OwnTime  TotalTime  Function (filename)",
                "100.00% 100.00%    3.00s     3.00s   leaf (work.py)",
                "  0.00%   0.00%   0.080s    0.080s   sleeper (work.py)",
                "  0.00% 100.00%   0.000s     3.00s   middle (work.py)",
                "process 4242 ended"
            ])
    }

    @Test("styling reverses the header bar across the width and bolds the sorted title, without changing widths")
    func styled() {
        var snapshot = Self.example
        snapshot.lag = 2
        let lines = TopRenderer(size: TerminalSize(width: 60, height: 8), styled: true)
            .render(header: Self.header, snapshot: snapshot)
        #expect(lines[0].hasPrefix("\u{1B}[31m2.00s behind") && lines[0].hasSuffix("\u{1B}[0m"))
        #expect(
            lines[5] == "\u{1B}[7m  %Own   %Total ▼\u{1B}[1mOwnTime\u{1B}[22m  TotalTime  Function (filename)    "
                + "\u{1B}[0m")
        #expect(ANSIText.visibleCount(lines[5]) == 60)
        #expect(lines[6] == "100.00% 100.00%    3.00s     3.00s   leaf (work.py)")
    }

    @Test("control characters from the target cannot reach the terminal")
    func sanitized() {
        var snapshot = Self.example
        snapshot.rows = [
            TopRow(
                key: FrameKey(name: "evil\u{1B}[2J", file: "x.py", line: 0), ownPercent: 1, totalPercent: 1,
                ownTime: 1, totalTime: 1)
        ]
        let header = TopHeader(target: "python3 -c 'print(1)\n\u{7}'", pythonVersion: "3.12.1")
        let lines = TopRenderer(size: TerminalSize(width: 80, height: 7)).render(header: header, snapshot: snapshot)
        #expect(lines[0] == "Collecting samples from 'python3 -c 'print(1)??'' (python v3.12.1)")
        #expect(lines[5] == "  1.00%   1.00%    1.00s     1.00s   evil?[2J (x.py)")
    }
}
