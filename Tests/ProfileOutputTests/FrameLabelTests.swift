import ProfileModel
import Testing

@testable import ProfileOutput

@Suite("labels, filters and synthetic frames")
struct FrameLabelTests {
    @Test("label forms for each line mode")
    func labels() {
        let frame = Fixtures.leaf
        #expect(FrameLabel.text(for: frame, lineNumbers: .current) == "leaf (work.py:6)")
        #expect(FrameLabel.text(for: frame, lineNumbers: .functionFirstLine) == "leaf (work.py:6)")
        #expect(FrameLabel.text(for: frame, lineNumbers: .none) == "leaf (work.py)")
        let noLine = Frame(name: "f", filename: "/full/path.py", line: 0)
        #expect(FrameLabel.text(for: noLine, lineNumbers: .current) == "f (/full/path.py)")
        let synthetic = Frame(name: "thread (1)", filename: "", line: 0)
        #expect(FrameLabel.text(for: synthetic, lineNumbers: .current) == "thread (1)")
        #expect(
            FrameLabel.text(name: "<frozen importlib._bootstrap>", file: "", line: 0) == "<frozen importlib._bootstrap>"
        )
    }

    @Test(
        "idle and GIL filtering",
        arguments: [
            (false, false, [true, true, false, false]),
            (true, false, [true, true, true, true]),
            (false, true, [true, false, false, false]),
            (true, true, [true, false, true, false])
        ])
    func filtering(idle: Bool, gil: Bool, expected: [Bool]) {
        let selection = StackSelection(includeIdle: idle, gilOnly: gil)
        let stacks = [
            Fixtures.mainThread(active: true, gil: true), Fixtures.mainThread(active: true, gil: false),
            Fixtures.mainThread(active: false, gil: true), Fixtures.mainThread(active: false, gil: false)
        ]
        #expect(stacks.map(selection.includes) == expected)
    }

    @Test("thread and process frames become the roots, in py-spy's order")
    func syntheticFrames() {
        var stack = Fixtures.mainThread([Fixtures.leaf])
        stack.processInfo = ProcessLineage(
            pid: 12533, commandLine: "/usr/bin/python3 mp.py",
            parent: ProcessLineage(pid: 12527, commandLine: "/usr/bin/python3 mp.py"))
        let prepared = StackSelection(addThreadFrames: true).prepare([stack])
        let labels = prepared[0].frames.reversed().map { FrameLabel.text(for: $0, lineNumbers: .current) }
        #expect(
            labels == [
                "process 12527:\"/usr/bin/python3 mp.py\"", "process 12533:\"/usr/bin/python3 mp.py\"",
                "thread (11872): MainThread", "leaf (work.py:6)"
            ])
    }

    @Test("thread frame without a name or kernel tid")
    func threadFrameFallback() {
        let stack = ThreadStack(pid: 1, threadID: 0x7FB8_3692_78EC, active: true, ownsGIL: false, frames: [])
        #expect(SyntheticFrames.threadFrame(for: stack).name == "thread (0x7FB8369278EC)")
        // A stack with no Python frame (a thread starting or ending) shows nowhere, so it is not kept or counted.
        #expect(StackSelection(addThreadFrames: true).prepare([stack]).isEmpty)
    }

    @Test("prepare drops filtered stacks; its count is the Samples figure")
    func prepareCounts() {
        let prepared = StackSelection().prepare([Fixtures.mainThread(), Fixtures.sleeperThread()])
        #expect(prepared.count == 1)
        #expect(prepared[0].threadName == "MainThread")
    }
}
