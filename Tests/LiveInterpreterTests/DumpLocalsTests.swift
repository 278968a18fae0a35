import LiveTestSupport
import Foundation
import Testing

/// `swiftspy dump --locals` must list exactly the variables the target says its frames hold, on every installed
/// interpreter: names in CPython's order, argument flags, addresses (`id()`), and each value's text under the
/// formatting rules that `Targets/locals_target.py` restates (ints and big ints, floats, bools, None, str with
/// non-ASCII, bytes, tuple, list, dict, set, an instance, a self-containing list, an unbound local left out, a
/// cell variable, an argument held in a cell, free variables of a closure), for `-l` and `-ll`.
@Suite("dump --locals equals the target's own account", .enabled(if: LiveEnvironment.enabled, "SWIFTSPY_SKIP_LIVE=1"))
struct DumpLocalsTests {
    /// The frames of the target whose variables are checked.
    static let frames = ["parked", "closure_owner"]

    /// One frame of `dump --json`, with only what this test reads.
    struct JSONFrame: Decodable {
        let name: String
        let locals: [LocalsTarget.Variable]?
    }

    struct JSONThread: Decodable {
        let frames: [JSONFrame]
    }

    @Test("JSON and text locals match the target, for -l and -ll", arguments: Interpreters.installed)
    func localsMatchTheTarget(_ interpreter: Interpreter) async throws {
        let (report, json, text) = try await offloaded {
            let target = try LocalsTarget.launch(interpreter)
            defer { target.stop() }
            let pid = String(target.pid)
            let json = try ["--locals", "-ll"].map { flag in
                try CommandRunner.swiftspy(["dump", "--pid", pid, "--json", flag])
            }
            return (target.report, json, try CommandRunner.swiftspy(["dump", "--pid", pid, "--locals"]))
        }
        var checked = 0
        for (count, result) in zip(["1", "2"], json) {
            try #require(result.exitedNormally && result.status == 0, "\(result.summary)")
            let threads = try JSONDecoder().decode([JSONThread].self, from: Data(result.stdout.utf8))
            let expected = try #require(report.expected[count], "the target has no expectations for -l × \(count)")
            for name in Self.frames {
                let frame = try #require(
                    threads.flatMap(\.frames).first { $0.name == name },
                    "\(interpreter.label): no frame \(name) in the dump")
                let want = try #require(expected[name])
                let got = try #require(frame.locals, "\(interpreter.label): \(name) has null locals with --locals")
                #expect(got.map(\.name) == want.map(\.name), "\(interpreter.label) -l×\(count) \(name): names")
                for (dumped, reported) in zip(got, want) where dumped != reported {
                    Issue.record("\(interpreter.label) -l×\(count) \(name): dumped \(dumped), expected \(reported)")
                }
                checked += want.count
            }
        }

        try #require(text.exitedNormally && text.status == 0, "\(text.summary)")
        let parked = try #require(report.expected["1"]?["parked"])
        #expect(
            localsBlock(of: "parked", in: text.stdout) == Self.textLines(parked),
            "\(interpreter.label): the text dump's locals of parked")
        print(
            "LiveInterpreterTests: checked dump --locals against \(interpreter.label)",
            "(Python \(report.pythonVersion)): \(checked) variables in 2 frames at -l and -ll, and the text form")
    }

    /// The lines `dump --locals` prints under a frame: `Arguments:` before the first argument, `Locals:` before the
    /// first other variable, then `name: repr` (`?` when unreadable).
    static func textLines(_ variables: [LocalsTarget.Variable]) -> [String] {
        var lines: [String] = []
        var shownArguments = false
        var shownLocals = false
        for variable in variables {
            if variable.arg, !shownArguments {
                lines.append("        Arguments:")
                shownArguments = true
            } else if !variable.arg, !shownLocals {
                lines.append("        Locals:")
                shownLocals = true
            }
            lines.append("            \(variable.name): \(variable.repr ?? "?")")
        }
        return lines
    }

    /// The indented lines under the first frame line of `function` in a text dump.
    func localsBlock(of function: String, in text: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("    \(function) (") }) else { return [] }
        return Array(lines[(start + 1)...].prefix { $0.hasPrefix("        ") })
    }
}
