import ProfileModel
import Testing

@testable import ProfileOutput

@Suite("raw collapsed stacks")
struct CollapsedStacksTests {
    @Test("one sorted line per distinct stack, root first")
    func lines() {
        var writer = CollapsedStacksWriter()
        for _ in 0..<3 { writer.add([Fixtures.mainThread()], at: .zero) }
        writer.add([Fixtures.mainThread([Fixtures.middle, Fixtures.module]), Fixtures.sleeperThread()], at: .zero)
        #expect(
            writer.render() == """
                <module> (work.py:19);middle (work.py:11) 1
                <module> (work.py:19);middle (work.py:11);leaf (work.py:6) 3
                run (threading.py:982);sleeper (work.py:14) 1

                """)
    }

    @Test("--nolineno merges lines of one function; labels that coincide are merged")
    func merging() {
        var writer = CollapsedStacksWriter(lineNumbers: .none)
        let otherLine = Fixtures.frame("leaf", "/home/u/work.py", 7, short: "work.py")
        let otherFile = Fixtures.frame("leaf", "/elsewhere/work.py", 6, short: "work.py")
        writer.add([Fixtures.mainThread([Fixtures.leaf]), Fixtures.mainThread([otherLine])], at: .zero)
        writer.add([Fixtures.mainThread([otherFile])], at: .zero)
        #expect(writer.render() == "leaf (work.py) 3\n")
        #expect(writer.distinctStackCount == 1)

        // Frames are interned by what their label shows, so equal labels share one entry from the start.
        var withLines = CollapsedStacksWriter()
        withLines.add([Fixtures.mainThread([Fixtures.leaf]), Fixtures.mainThread([otherFile])], at: .zero)
        #expect(withLines.distinctStackCount == 1)
        #expect(withLines.render() == "leaf (work.py:6) 2\n")
    }

    @Test("synthetic roots render without parentheses")
    func syntheticRoots() {
        var writer = CollapsedStacksWriter()
        writer.add(
            StackSelection(includeIdle: true, addThreadFrames: true).prepare([Fixtures.sleeperThread()]), at: .zero)
        #expect(writer.render() == "thread (11874): SleeperThread;run (threading.py:982);sleeper (work.py:14) 1\n")
    }

    @Test("empty stacks are skipped and nothing sampled renders an empty file")
    func empty() {
        var writer = CollapsedStacksWriter()
        #expect(writer.render() == "")
        writer.add([Fixtures.mainThread([])], at: .zero)
        #expect(writer.render() == "")
    }

    @Test("memory follows distinct stacks, not samples")
    func aggregationMemory() {
        var writer = CollapsedStacksWriter()
        var flamegraph = FlamegraphWriter()
        let stacks = [
            Fixtures.mainThread(), Fixtures.mainThread([Fixtures.middle, Fixtures.module]), Fixtures.sleeperThread()
        ]
        for tick in 0..<20_000 {
            writer.add([stacks[tick % 3]], at: .milliseconds(tick))
            flamegraph.add([stacks[tick % 3]], at: .milliseconds(tick))
        }
        #expect(writer.distinctStackCount == 3)
        #expect(flamegraph.distinctStackCount == 3)
        #expect(
            writer.render().split(separator: "\n").map { $0.split(separator: " ").last } == ["6667", "6667", "6666"])
    }
}

/// Frame ids are reused from a thread's previous stack position by position; whatever changes between samples
/// (a line, a frame in the middle, the depth, the thread) must still be counted exactly.
@Suite struct PreviousStackReuseTests {
    @Test func countsStayExactAsStacksChangeBetweenSamples() {
        let code = (0..<6).map { FrameCode.shared(name: "f\($0)", filename: "/w/m.py", shortFilename: "m.py") }
        var random = SystemRandomNumberGenerator()
        var writer = CollapsedStacksWriter()
        var expected: [String: Int] = [:]
        for _ in 0..<2000 {
            let thread = UInt64.random(in: 1...3, using: &random)
            // Innermost first, as sampled: a random depth, random code objects and lines.
            let frames = (0..<Int.random(in: 1...5, using: &random)).map { _ in
                Frame(code: code[Int.random(in: 0..<6, using: &random)], line: Int.random(in: 1...2, using: &random))
            }
            writer.add([ThreadStack(pid: 7, threadID: thread, active: true, ownsGIL: false, frames: frames)], at: .zero)
            let line = frames.reversed().map { "\($0.name) (m.py:\($0.line))" }.joined(separator: ";")
            expected[line, default: 0] += 1
        }
        let rendered = writer.render().split(separator: "\n").map(String.init)
        var got: [String: Int] = [:]
        for entry in rendered {
            guard let space = entry.lastIndex(of: " "), let count = Int(entry[entry.index(after: space)...]) else {
                Issue.record("bad line \(entry)")
                continue
            }
            got[String(entry[..<space])] = count
        }
        #expect(got == expected)
    }
}

/// Frames hold their `FrameCode` unretained, which is only safe because there is one immortal instance per
/// distinct function.
@Suite struct SharedFrameCodeTests {
    @Test func equalFieldsGiveTheSameInstance() {
        let a = FrameCode.shared(name: "f", filename: "/w/m.py", shortFilename: "m.py")
        let b = FrameCode.shared(name: "f", filename: "/w/m.py", shortFilename: "m.py")
        #expect(a === b)
        #expect(a !== FrameCode.shared(name: "f", filename: "/w/m.py"))
        #expect(Frame(name: "f", filename: "/w/m.py", shortFilename: "m.py", line: 3).code === a)
    }

    @Test func framesOutliveEveryReferenceTheirMakerHeld() {
        let frames: [Frame] = (0..<100).map { index in
            Frame(name: "fn\(index)-\(UInt64.random(in: 0...UInt64.max))", filename: "/tmp/x.py", line: index)
        }
        #expect(frames.enumerated().allSatisfy { $1.name.hasPrefix("fn\($0)-") && $1.filename == "/tmp/x.py" })
    }
}

/// The raw file is written line by line from stacks ordered by their labels as if joined: it must be exactly
/// the text a plain join, byte-wise sort and merge of equal lines gives, including where one label is a prefix of
/// another (the separator then decides) and where different frames have the same label.
@Suite struct StreamedCollapsedLinesTests {
    @Test func streamedLinesEqualJoinedSortedAndMergedLines() {
        // Labels without a file are the bare name (as the synthetic thread and process roots are): prefixes of
        // each other, with bytes below and above ';' after the prefix, and one containing ';' itself.
        let names = ["f", "f (", "f;g", "f0", "f ", "g", "ff", "thread (1)", "thread (1): main"]
        let codes = names.map { FrameCode.shared(name: $0, filename: "") }
        var random = SystemRandomNumberGenerator()
        var writer = CollapsedStacksWriter()
        var expected: [String: Int] = [:]
        for _ in 0..<3000 {
            let frames = (0..<Int.random(in: 1...4, using: &random)).map { _ in
                Frame(code: codes[Int.random(in: 0..<codes.count, using: &random)], line: 0)
            }
            writer.add(
                [
                    ThreadStack(
                        pid: 7, threadID: UInt64.random(in: 1...2, using: &random), active: true,
                        ownsGIL: false, frames: frames)
                ], at: .zero)
            let line = frames.reversed().map(\.name).joined(separator: ";")
            expected[line, default: 0] += 1
        }
        let reference = expected.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            .map { "\($0) \(expected[$0] ?? 0)\n" }.joined()
        #expect(writer.render() == reference)
    }
}
