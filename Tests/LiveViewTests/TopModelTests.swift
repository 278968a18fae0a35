import ProfileModel
import ProfileOutput
import Testing

@testable import LiveView

@Suite("top model")
struct TopModelTests {
    @Test("own counts the innermost frame, total every frame; times are samples over the rate")
    func ownAndTotal() {
        let model = Fixtures.model(Fixtures.ticks(300, [Fixtures.running(Fixtures.mainStack)]))
        let snapshot = model.snapshot()
        #expect(snapshot.totalSamples == 300)
        #expect(snapshot.rows.map(\.label) == ["leaf (work.py)", "<module> (work.py)", "middle (work.py)"])
        #expect(
            Fixtures.row(snapshot, "leaf (work.py)")
                == TopRow(
                    key: FrameKey(name: "leaf", file: "work.py", line: 0),
                    ownPercent: 100, totalPercent: 100, ownTime: 3, totalTime: 3))
        #expect(
            Fixtures.row(snapshot, "middle (work.py)")
                == TopRow(
                    key: FrameKey(name: "middle", file: "work.py", line: 0),
                    ownPercent: 0, totalPercent: 100, ownTime: 0, totalTime: 3))
    }

    @Test("stacks of several processes are aggregated together and the processes counted")
    func severalProcesses() {
        var child = Fixtures.running(Fixtures.mainStack, thread: 7)
        child.pid = 43
        let model = Fixtures.model(Fixtures.ticks(10, [Fixtures.running(Fixtures.mainStack), child]))
        let snapshot = model.snapshot()
        #expect(snapshot.processCount == 2 && snapshot.threadCount == 2)
        #expect(Fixtures.row(snapshot, "leaf (work.py)")?.ownPercent == 200)
    }

    @Test("recursion counts once per sample in %Total, per function and per line")
    func recursion() {
        // walk -> walk (line 3) -> walk (line 4) -> walk (line 4) -> leaf: deep recursion in one stack.
        let walk3 = Fixtures.frame("walk", 3)
        let walk4 = Fixtures.frame("walk", 4)
        let stack = [Fixtures.leaf, walk4, walk4, walk3, Fixtures.module]
        var model = Fixtures.model(Fixtures.ticks(10, [Fixtures.running(stack)]))
        let byFunction = model.snapshot()
        #expect(Fixtures.row(byFunction, "walk (work.py)")?.totalPercent == 100)
        #expect(Fixtures.row(byFunction, "walk (work.py)")?.totalTime == 0.1)

        model.apply(.toggleLineAggregation)
        let byLine = model.snapshot()
        #expect(byLine.options.byLine)
        #expect(Fixtures.row(byLine, "walk (work.py:4)")?.totalPercent == 100)
        #expect(Fixtures.row(byLine, "walk (work.py:3)")?.totalPercent == 100)
        #expect(Fixtures.row(byLine, "walk (work.py)") == nil)
    }

    @Test("per-line rows split a function's lines; toggling back keeps the per-function counts")
    func lineAggregation() {
        var model = Fixtures.model(
            Fixtures.ticks(3, [Fixtures.running([Fixtures.leaf, Fixtures.module])])
                + Fixtures.ticks(1, [Fixtures.running([Fixtures.leafOtherLine, Fixtures.module])]))
        model.apply(.toggleLineAggregation)
        let lines = model.snapshot()
        #expect(Fixtures.row(lines, "leaf (work.py:6)")?.ownPercent == 75)
        #expect(Fixtures.row(lines, "leaf (work.py:7)")?.ownPercent == 25)
        model.apply(.toggleLineAggregation)
        #expect(Fixtures.row(model.snapshot(), "leaf (work.py)")?.ownPercent == 100)
    }

    @Test("percentages divide by ticks, not stacks, so busy threads can pass 100 %")
    func perTick() {
        let stacks = [
            Fixtures.running(Fixtures.mainStack, gil: true, thread: 1),
            Fixtures.running(Fixtures.mainStack, gil: false, thread: 2)
        ]
        let snapshot = Fixtures.model(Fixtures.ticks(4, stacks)).snapshot()
        #expect(Fixtures.row(snapshot, "leaf (work.py)")?.ownPercent == 200)
        #expect(snapshot.gilPercent == 100)
        #expect(snapshot.activePercent == 200)
        #expect(snapshot.threadCount == 2)
    }

    @Test("idle threads count in Threads and Active but stay out of the table unless --idle")
    func idleFiltering() {
        let sleeper = Fixtures.idle([Fixtures.frame("sleeper", 14)])
        let tick = SampleTick(stacks: [Fixtures.running(Fixtures.mainStack), sleeper])
        var filtered = TopModel(rate: 100)
        var withIdle = TopModel(rate: 100, selection: StackSelection(includeIdle: true))
        var gilOnly = TopModel(rate: 100, selection: StackSelection(includeIdle: true, gilOnly: true))
        for _ in 0..<2 {
            filtered.record(tick)
            withIdle.record(tick)
            gilOnly.record(tick)
        }
        filtered.closeInterval()
        withIdle.closeInterval()
        gilOnly.closeInterval()
        #expect(Fixtures.row(filtered.snapshot(), "sleeper (work.py)") == nil)
        #expect(filtered.snapshot().threadCount == 2)
        #expect(filtered.snapshot().activePercent == 100)
        #expect(filtered.snapshot().gilPercent == 100)
        #expect(Fixtures.row(withIdle.snapshot(), "sleeper (work.py)")?.ownPercent == 100)
        #expect(Fixtures.row(gilOnly.snapshot(), "sleeper (work.py)") == nil)
        #expect(Fixtures.row(gilOnly.snapshot(), "leaf (work.py)")?.ownPercent == 100)
    }

    @Test("percentages describe the last closed interval; times keep adding up")
    func intervals() {
        var model = Fixtures.model(Fixtures.ticks(10, [Fixtures.running(Fixtures.mainStack)]))
        for tick in Fixtures.ticks(10, [Fixtures.running([Fixtures.middle, Fixtures.module])]) { model.record(tick) }
        // Not closed yet: the screen still shows the first interval's shares.
        var snapshot = model.snapshot()
        #expect(Fixtures.row(snapshot, "leaf (work.py)")?.ownPercent == 100)
        #expect(Fixtures.row(snapshot, "middle (work.py)")?.ownPercent == 0)
        model.closeInterval()
        snapshot = model.snapshot()
        #expect(Fixtures.row(snapshot, "leaf (work.py)")?.ownPercent == 0)
        #expect(Fixtures.row(snapshot, "leaf (work.py)")?.ownTime == 0.1)
        #expect(Fixtures.row(snapshot, "middle (work.py)")?.ownPercent == 100)
        #expect(Fixtures.row(snapshot, "middle (work.py)")?.totalTime == 0.2)
        #expect(snapshot.totalSamples == 20)
    }

    @Test("sorting follows the chosen column and direction; ties go by label")
    func sorting() {
        var model = Fixtures.model(
            Fixtures.ticks(2, [Fixtures.running([Fixtures.middle, Fixtures.module])])
                + Fixtures.ticks(1, [Fixtures.running(Fixtures.mainStack)]))
        // OwnTime, largest first: middle 0.02, leaf 0.01, <module> 0.
        #expect(model.snapshot().rows.map(\.key.name) == ["middle", "leaf", "<module>"])
        model.apply(.sort(.totalTime))
        // TotalTime: <module> and middle tie at 0.03 (A-Z), then leaf.
        #expect(model.snapshot().rows.map(\.key.name) == ["<module>", "middle", "leaf"])
        model.apply(.sort(.totalTime))
        #expect(model.snapshot().rows.map(\.key.name) == ["leaf", "<module>", "middle"])
        model.apply(.sort(.ownPercent))
        #expect(model.snapshot().options.sortColumn == .ownPercent)
        #expect(model.snapshot().rows.map(\.key.name) == ["middle", "leaf", "<module>"])
    }

    @Test("errors count as ticks; the rate shows from 1 % of more than 100 samples, with the last error")
    func errors() {
        var model = Fixtures.model(Fixtures.ticks(99, [Fixtures.running(Fixtures.mainStack)]), closing: false)
        model.record(SampleTick(stacks: [], failure: "first"))
        model.record(SampleTick(stacks: [], failure: "Reading 8 bytes failed"))
        model.closeInterval()
        let snapshot = model.snapshot()
        #expect(snapshot.totalSamples == 101)
        #expect(snapshot.errorCount == 2)
        #expect(snapshot.lastError == "Reading 8 bytes failed")
        #expect(snapshot.showsErrorRate)
        #expect(Fixtures.row(snapshot, "leaf (work.py)")?.ownTime == 0.99)
        // An error tick has no stacks: the thread count keeps the last real tick's.
        #expect(snapshot.threadCount == 1)

        let few = Fixtures.model([SampleTick(stacks: [], failure: "x")] + Fixtures.ticks(99, []))
        #expect(!few.snapshot().showsErrorRate)  // only 100 samples
    }

    @Test("a lag warning needs over 10 % late ticks and a last lag above a second")
    func lag() {
        var model = TopModel(rate: 100)
        for _ in 0..<9 { model.record(SampleTick(stacks: [], lateness: .seconds(0.001))) }
        model.record(SampleTick(stacks: [], lateness: .seconds(1.5)))
        model.closeInterval()
        #expect(model.snapshot().lag == nil)  // exactly 10 % late
        model.record(SampleTick(stacks: [], lateness: .seconds(0.5)))
        model.record(SampleTick(stacks: [], lateness: .seconds(1.25)))
        model.closeInterval()
        #expect(model.snapshot().lag == 1.25)
    }

    @Test("reset forgets the statistics but keeps the view choices")
    func reset() {
        var model = Fixtures.model(Fixtures.ticks(5, [Fixtures.running(Fixtures.mainStack)]))
        model.record(SampleTick(stacks: [], failure: "boom"))
        model.apply(.sort(.totalPercent))
        model.apply(.toggleLineAggregation)
        model.apply(.reset)
        let snapshot = model.snapshot()
        #expect(snapshot == TopSnapshot(options: TopViewOptions(sortColumn: .totalPercent, byLine: true)))
        model.record(SampleTick(stacks: [Fixtures.running(Fixtures.mainStack)]))
        model.closeInterval()
        #expect(model.snapshot().totalSamples == 1)
        #expect(Fixtures.row(model.snapshot(), "leaf (work.py:6)")?.ownTime == 0.01)
    }
}
