import LiveTestSupport
import Foundation
import Testing

/// Labels a profile must never show, however fast the target changes (issues 13.1 and 13.3):
/// - a label left over from a code object freed and replaced at the same address (`code_churn.py`, which
///   compiles, runs and frees a fresh function every couple of milliseconds), on every interpreter;
/// - CPython's own entry shim, `<interpreter trampoline> (<shim>)`, caught half set up by a read without a
///   pause (`fast_stacks.py`, a stack changing every few microseconds), on 3.12+; and under `--nonblocking`
///   such torn reads are read again rather than counted as errors.
@Suite(
    "record: exact labels under code churn and torn reads",
    .enabled(if: LiveEnvironment.enabled, "SWIFTSPY_SKIP_LIVE=1"))
struct RecordExactLabelTests {
    static let rate = 1000
    static let duration = 3

    @Test(
        "code objects freed and reallocated at the same address never leave a stale label",
        arguments: Interpreters.installed)
    func codeChurn(_ interpreter: Interpreter) async throws {
        let (result, raw) = try await Self.record(interpreter, script: "code_churn.py", flags: [])
        let impossible = raw.stacks.filter { !ChurnStacks.isPossible($0.frames) }
        let impossibleSamples = impossible.reduce(0) { $0 + $1.count }
        let churned = raw.stacks.filter { $0.frames.contains { $0.hasPrefix("churn_F") } }.reduce(0) { $0 + $1.count }
        print(
            "RecordLiveTests: code churn \(interpreter.label): \(raw.total) samples, \(churned) in generated functions, \(impossibleSamples) impossible"
        )
        #expect(
            churned > raw.total / 4,
            "\(interpreter.label): few samples in the generated functions: \(result.stdout)\n\(raw.excerpt)")
        let shown = impossible.prefix(8).map { $0.frames.joined(separator: ";") + " \($0.count)" }.joined(
            separator: "\n")
        #expect(
            impossibleSamples == 0,
            "\(interpreter.label): \(impossibleSamples) of \(raw.total) samples have impossible stacks:\n\(shown)")
    }

    /// 3.12+ (the interpreters with entry shims); the system python's minor version is not known up front.
    static let shimInterpreters = Interpreters.installed.filter { interpreter in
        guard let version = interpreter.version, version.count >= 2 else { return false }
        return (version[0], version[1]) >= (3, 12)
    }

    @Test("--nonblocking on a fast-changing stack: no shim frame, few errors", arguments: shimInterpreters)
    func tornReads(_ interpreter: Interpreter) async throws {
        let (result, raw) = try await Self.record(interpreter, script: "fast_stacks.py", flags: ["--nonblocking"])
        let shims = raw.stacks.filter { stack in
            stack.frames.contains {
                FrameLabel($0).name == "<interpreter trampoline>" || FrameLabel($0).file == "<shim>"
            }
        }
        let shimSamples = shims.reduce(0) { $0 + $1.count }
        let shown = shims.prefix(4).map { $0.frames.joined(separator: ";") }.joined(separator: "\n")
        #expect(shimSamples == 0, "\(interpreter.label): the entry shim is shown in \(shimSamples) samples:\n\(shown)")
        // py-spy 0.4.1 failed 1.3 % of its samples of this target on 3.12 (51 of 3,999), none on 3.13; swiftspy
        // without retries 16-44 %, with them 0.2-1.1 % on a quiet machine but up to ~2 % on a loaded one (the
        // stack moves further between a sample's reads). Allowed: 3 % of the ticks plus four binomial standard
        // deviations: a regression guard, not the goal of matching py-spy's rate (issue 13.3, still open).
        // 3.14+ frames are smaller and faster, so more reads are torn: 7 % failed on a quiet machine (25 % before
        // returning frames cleared to PyStackRef_NULL were passed over), so 10 % is allowed there; py-spy
        // 0.4.1 cannot read 3.14 at all.
        let errors = try #require(result.errorsReported, "no `Errors: N`: \(result.stdout)")
        let ticks = Double(raw.total + errors)
        let share = (interpreter.version.map { $0.lexicographicallyPrecedes([3, 14]) } ?? true) ? 0.03 : 0.10
        let bound = share * ticks + 4 * (share * (1 - share) * ticks).squareRoot()
        print(
            "RecordLiveTests: torn reads \(interpreter.label): \(raw.total) samples, \(errors) errors (bound \(Int(bound)))"
        )
        #expect(
            raw.total > 0 && Double(errors) <= bound,
            "\(interpreter.label): \(errors) errors for \(raw.total) samples, over the bound \(Int(bound))")
    }

    /// Starts `script` (it prints READY once busy), records it by pid for `duration` seconds in the raw format,
    /// and stops it.
    static func record(_ interpreter: Interpreter, script: String, flags: [String]) async throws
        -> (SwiftspyResult, RawProfile)
    {
        let (result, text) = try await inCPUSlot { () throws -> (SwiftspyResult, String) in
            let scratch = try ScratchDirectory()
            defer { scratch.remove() }
            let path = try LiveEnvironment.targetsDirectory().appendingPathComponent(script).path
            let target = try SwiftspyProcess(
                [path, String(duration + 30)], in: scratch,
                executable: interpreter.executable)
            defer { target.killIfRunning() }
            try target.waitForStdout(containing: "READY", timeout: .seconds(30))
            let output = scratch.path("exact.txt")
            let result = try SwiftspyProcess.run(
                [
                    "record", "-p", String(target.pid), "-o", output, "-f", "raw", "-r", String(rate),
                    "-d", String(duration)
                ] + flags,
                in: scratch, timeout: .seconds(Int64(duration) + 30))
            let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            return (result, text)
        }
        try #require(result.succeeded, "\(interpreter.label): \(result.summary)")
        return (result, try RawProfile.parse(text))
    }
}

/// The stacks `code_churn.py` can have (see its docstring): its own functions in its own file, each generated
/// `churn_F<f>_L<l>` in `gen_<f>.py` at lines <l>…<l>+3 directly under `run_gen_<f>`, and a generated file's
/// `<module>` directly under `churn`.
enum ChurnStacks {
    static let ownFunctions: Set<String> = [
        "<module>", "main", "churn", "run_gen_0", "run_gen_1", "run_gen_2",
        "run_gen_3", "run_gen_4"
    ]

    static func isPossible(_ frames: [String]) -> Bool {
        let labels = frames.map(FrameLabel.init)
        for (index, label) in labels.enumerated() {
            let parent = index > 0 ? labels[index - 1].name : nil
            let file = label.file.map { String($0.split(separator: "/").last ?? "") }
            if let function = generated(label.name) {
                guard file == "gen_\(function.file).py", let shown = label.line,
                    (function.line...function.line + 3).contains(shown), parent == "run_gen_\(function.file)"
                else { return false }
            } else if let file, file.hasPrefix("gen_") {
                guard label.name == "<module>", parent == "churn" else { return false }
            } else {
                guard file == "code_churn.py", ownFunctions.contains(label.name) else { return false }
            }
        }
        return true
    }

    /// `churn_F<f>_L<l>` → (f, l).
    private static func generated(_ name: String) -> (file: Int, line: Int)? {
        guard name.hasPrefix("churn_F") else { return nil }
        let parts = name.dropFirst("churn_F".count).split(separator: "_")
        guard parts.count == 2, let file = Int(parts[0]), parts[1].hasPrefix("L"), let line = Int(parts[1].dropFirst())
        else { return nil }
        return (file, line)
    }
}
