import Foundation
import Testing

/// `swiftspy top` driven in a real terminal (a tmux pane) against a live `busy.py`: the screen, the keys,
/// resizing, and that every way out (q, Ctrl-C, SIGTERM, the target exiting) gives the terminal back as it
/// was: same `stty` settings, normal screen, cursor visible, line wrapping on.
@Suite("swiftspy top end to end", .enabled(if: TopEnvironment.enabled, "SWIFTSPY_SKIP_LIVE=1"))
struct TopEndToEndTests {
    static func top(_ arguments: String) throws -> String {
        "'\(try TopEnvironment.swiftspy())' top \(arguments)"
    }

    static func launched(_ scriptArguments: String, flags: String = "--delay 0.2") throws -> String {
        try top(
            "\(flags) -- '\(try TopEnvironment.python())' -B -E -s '\(try TopEnvironment.busyScript())' \(scriptArguments)"
        )
    }

    /// The pane's terminal is back to normal: checked through tmux's own view of the pane.
    static func expectRestored(_ pane: TmuxPane, sttyRestored: Bool) throws {
        #expect(sttyRestored, "stty settings differ after swiftspy top")
        #expect(try pane.format("#{alternate_on} #{cursor_flag} #{wrap_flag}") == "0 1 1")
        #expect(try !pane.screen().contains("Collecting samples from"))
    }

    @Test("attached with --pid: rows, recursion once in %Total, sort, lines, help, reset, resize, then q")
    func attachedKeys() async throws {
        try await offloaded {
            let target = try BusyTarget()
            defer { target.stop() }
            let pane = try TmuxPane(command: try Self.top("--pid \(target.pid) --delay 0.2"))

            let first = TopScreen(
                text: try pane.waitForScreen("rows for leaf and recurse") {
                    TopScreen(text: $0).row("recurse (busy.py)") != nil
                        && TopScreen(text: $0).row("leaf (busy.py)") != nil
                })
            #expect(first.lines.first?.hasPrefix("Collecting samples from '") == true)
            // The command (ending in the ready file's path) is cut at its start so the version stays in view.
            #expect(first.lines.first?.contains("/ready' (python v3.") == true)
            #expect(first.header == "  %Own   %Total ▼OwnTime  TotalTime  Function (filename)")
            #expect(first.lines.last == "Press q or Control-C to quit, or ? for help.")
            #expect(try pane.format("#{alternate_on} #{cursor_flag}") == "1 0")
            // recurse is four frames deep in every sample, yet counts once: never above 100 % of one thread.
            let recurse = try #require(first.row("recurse (busy.py)"))
            #expect(recurse[1] <= 100)
            #expect(recurse[2] == 0)

            try pane.send("4")
            try pane.waitForScreen("TotalTime sorted") { TopScreen(text: $0).header?.contains("▼TotalTime") == true }
            try pane.send("4")
            try pane.waitForScreen("TotalTime reversed") { TopScreen(text: $0).header?.contains("▲TotalTime") == true }
            try pane.send("L")
            try pane.waitForScreen("per-line rows") {
                TopScreen(text: $0).header?.hasSuffix("Function (filename:line)") == true
                    && $0.contains("leaf (busy.py:")
            }
            try pane.send("?")
            try pane.waitForScreen("the help") { $0.contains("Keys:") && $0.contains("R  reset the statistics") }
            try pane.send("x")
            try pane.waitForScreen("the help hidden") { !$0.contains("Keys:") }

            let before = try #require(
                TopScreen(
                    text: try pane.waitForScreen("100 samples") {
                        (TopScreen(text: $0).totalSamples ?? 0) >= 100
                    }
                ).totalSamples)
            try pane.send("r")
            try pane.waitForScreen("statistics reset") { (TopScreen(text: $0).totalSamples ?? .max) < before / 2 }

            try pane.resize(width: 40, height: 14)
            let narrow = TopScreen(
                text: try pane.waitForScreen("the narrow layout") {
                    let header = TopScreen(text: $0).header ?? ""
                    return header.contains("TotalTime") && !header.contains("%Own")
                })
            #expect(narrow.lines.count == 14)
            #expect(narrow.lines.last == "Press q or Control-C to quit, or ? for …")

            try pane.send("q")
            let exit = try pane.waitForExit()
            #expect(exit.status == "0")
            try Self.expectRestored(pane, sttyRestored: exit.sttyRestored)
            #expect(processIsAlive(target.pid), "a process given by --pid must be left running")
        }
    }

    @Test("a launched program's output stays off the view; Ctrl-C quits and stops the program")
    func launchedCtrlC() async throws {
        try await offloaded {
            let scratch = try TopEnvironment.scratchDirectory()
            defer { try? FileManager.default.removeItem(at: scratch) }
            let ready = scratch.appendingPathComponent("ready").path
            let pane = try TmuxPane(command: try Self.launched("--chatter --ready '\(ready)'"))
            let pid = try BusyTarget.waitForPID(in: ready)
            let screen = try pane.waitForScreen("rows and some chatter from the program") {
                TopScreen(text: $0).row("leaf (busy.py)") != nil && (TopScreen(text: $0).totalSamples ?? 0) >= 50
            }
            #expect(!screen.contains("CHATTER"))
            try pane.send("C-c")
            let exit = try pane.waitForExit()
            #expect(exit.status == "0")
            try Self.expectRestored(pane, sttyRestored: exit.sttyRestored)
            #expect(!processIsAlive(pid), "the launched program must not outlive swiftspy top")
        }
    }

    /// The view on every interpreter: rows for the busy functions, and a GIL line that says what the build has
    /// (a percentage, or `none (free-threaded)` for a build without a GIL).
    @Test("rows and the GIL line on every interpreter", arguments: TopEnvironment.allPythons)
    func everyInterpreter(python: String) async throws {
        try await offloaded {
            let scratch = try TopEnvironment.scratchDirectory()
            defer { try? FileManager.default.removeItem(at: scratch) }
            let ready = scratch.appendingPathComponent("ready").path
            let command = try Self.top(
                "--delay 0.2 -- '\(python)' -B -E -s '\(try TopEnvironment.busyScript())' --ready '\(ready)'")
            let pane = try TmuxPane(command: command)
            _ = try BusyTarget.waitForPID(in: ready)
            let screen = TopScreen(
                text: try pane.waitForScreen("rows from \(python)") {
                    TopScreen(text: $0).row("leaf (busy.py)") != nil && (TopScreen(text: $0).totalSamples ?? 0) >= 20
                })
            let gilLine = screen.lines.first { $0.hasPrefix("GIL") } ?? ""
            let freeThreaded = python.contains("t/bin/python")
            if freeThreaded {
                #expect(gilLine.hasPrefix("GIL: none (free-threaded), Active: "), "\(python): \(gilLine)")
            } else {
                #expect(
                    gilLine.range(of: #"^GIL: [0-9]+\.[0-9]{2}%, Active: "#, options: .regularExpression) != nil,
                    "\(python): \(gilLine)")
            }
            try pane.send("q")
            let exit = try pane.waitForExit()
            #expect(exit.status == "0")
        }
    }

    @Test("when the target exits, the terminal comes back with the last screen and says so")
    func targetExits() async throws {
        try await offloaded {
            let scratch = try TopEnvironment.scratchDirectory()
            defer { try? FileManager.default.removeItem(at: scratch) }
            let ready = scratch.appendingPathComponent("ready").path
            let pane = try TmuxPane(command: try Self.launched("--exit-after 2 --ready '\(ready)'"))
            let pid = try BusyTarget.waitForPID(in: ready)
            let exit = try pane.waitForExit()
            #expect(exit.status == "0")
            #expect(exit.sttyRestored)
            #expect(try pane.format("#{alternate_on} #{cursor_flag} #{wrap_flag}") == "0 1 1")
            let screen = TopScreen(text: try pane.screen())
            #expect(screen.lines.contains("process \(pid) ended"))
            #expect(screen.row("leaf (busy.py)") != nil)
            #expect(!screen.text.contains("Press q or Control-C"))
        }
    }

    @Test("SIGTERM gives the terminal back too")
    func sigterm() async throws {
        try await offloaded {
            let target = try BusyTarget()
            defer { target.stop() }
            let pane = try TmuxPane(command: try Self.top("--pid \(target.pid) --delay 0.2"))
            try pane.waitForScreen("rows") { TopScreen(text: $0).row("leaf (busy.py)") != nil }
            let shell = try pane.shellPID()
            let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
            let swiftspy = try #require(children.split(separator: " ").compactMap { Int32($0) }.first)
            kill(swiftspy, SIGTERM)
            let exit = try pane.waitForExit()
            #expect(exit.status == "0")
            try Self.expectRestored(pane, sttyRestored: exit.sttyRestored)
        }
    }

    @Test("without a terminal it says what to use instead, before touching any process")
    func notATerminal() async throws {
        let result = try await offloaded {
            try runSwiftspy(["top", "--pid", "1"])
        }
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("Error: swiftspy top needs a terminal"))
    }

    @Test("a bad --rate or --delay is a usage error with a clear message")
    func badFlags() async throws {
        let rate = try await offloaded { try runSwiftspy(["top", "--rate", "0", "--pid", "1"]) }
        #expect(rate.status != 0 && rate.status != 1)
        #expect(rate.stderr.contains("--rate must be"))
        let delay = try await offloaded { try runSwiftspy(["top", "--delay=-0.5", "--pid", "1"]) }
        #expect(delay.status != 0 && delay.status != 1)
        #expect(delay.stderr.contains("--delay must be a positive number"))
    }
}

/// Runs blocking harness work off Swift Testing's small cooperative pool, so the suites run side by side.
func offloaded<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}

/// Runs swiftspy with stdout and stderr captured to files (not a terminal), with a bounded wait.
func runSwiftspy(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    try Spawn.run(try TopEnvironment.swiftspy(), arguments)
}
