import ProfileModel
import ProfileOutput

/// The statistics behind `swiftspy top`, with the formulas of reference §4.2. Pure: ticks and keys in,
/// a `TopSnapshot` out; no clock, no terminal.
///
/// Percentages are per refresh interval and divide by *ticks*, not stacks, as py-spy does, so several busy
/// threads can add up to more than 100 %. Times are cumulative: samples × the mean sampling interval.
package struct TopModel: Sendable {
    /// Samples per second: converts sample counts into the time columns.
    package let rate: Double
    /// Which stacks count in the table (`--idle`, `--gil`). The GIL and active percentages look at every stack.
    package let selection: StackSelection
    package private(set) var options: TopViewOptions

    private var byFunction = FrameTable(byLine: false)
    private var byLine = FrameTable(byLine: true)
    private var collecting = IntervalCounters()
    private var shown = IntervalCounters()
    /// Ticks since the start or the last reset, including failed ones.
    package private(set) var totalSamples = 0
    package private(set) var errorCount = 0
    package private(set) var lastError: String?
    /// Stacks in the most recent successful tick.
    package private(set) var threadCount = 0
    package private(set) var processCount = 0
    /// The most recent tick's lateness, in seconds.
    package private(set) var lastLateness = 0.0

    package init(rate: Double, selection: StackSelection = StackSelection(), options: TopViewOptions = TopViewOptions())
    {
        self.rate = rate
        self.selection = selection
        self.options = options
    }

    /// Adds one tick to the interval being collected and to the cumulative totals.
    package mutating func record(_ tick: SampleTick) {
        totalSamples += 1
        collecting.ticks += 1
        lastLateness = tick.lateness.inSeconds
        // A tick more than one mean interval behind is late; smaller delays are ordinary wake-up jitter.
        if lastLateness > 1 / rate { collecting.lateTicks += 1 }
        if let error = tick.failure {
            errorCount += 1
            lastError = error
            return
        }
        threadCount = tick.stacks.count
        processCount = Set(tick.stacks.map(\.pid)).count
        for stack in tick.stacks {
            if stack.ownsGIL { collecting.gilStacks += 1 }
            if stack.active { collecting.activeStacks += 1 }
            guard selection.includes(stack) else { continue }
            byFunction.record(stack.frames)
            byLine.record(stack.frames)
        }
    }

    /// Ends a refresh interval: the percentages now describe the interval just collected, and a new one starts.
    package mutating func closeInterval() {
        shown = collecting
        collecting = IntervalCounters()
        byFunction.closeInterval()
        byLine.closeInterval()
    }

    /// Forgets every statistic (the `R` key); the sort, aggregation and help choices stay.
    package mutating func reset() {
        byFunction.reset()
        byLine.reset()
        collecting = IntervalCounters()
        shown = IntervalCounters()
        totalSamples = 0
        errorCount = 0
        lastError = nil
        threadCount = 0
        processCount = 0
        lastLateness = 0
    }

    /// Applies a key; `quit` is left to the caller.
    package mutating func apply(_ key: TopKey) {
        if key == .reset { reset() }
        options.apply(key)
    }

    /// What the screen shows now, rows sorted by the chosen column.
    package func snapshot() -> TopSnapshot {
        let ticks = Double(shown.ticks)
        func percent(_ count: Int) -> Double { ticks > 0 ? Double(count) / ticks * 100 : 0 }
        let table = options.byLine ? byLine : byFunction
        let rows = table.rows.map { key, counts in
            TopRow(
                key: key,
                ownPercent: percent(counts.shown.own), totalPercent: percent(counts.shown.total),
                ownTime: Double(counts.overall.own) / rate, totalTime: Double(counts.overall.total) / rate)
        }
        // py-spy warns when more than 10 % of the interval's ticks were late and the latest lag passed a second.
        let lagging = shown.ticks > 0 && shown.lateTicks * 10 > shown.ticks && lastLateness > 1
        return TopSnapshot(
            options: options, totalSamples: totalSamples, errorCount: errorCount, lastError: lastError,
            gilPercent: percent(shown.gilStacks), activePercent: percent(shown.activeStacks),
            threadCount: threadCount, processCount: processCount, lag: lagging ? lastLateness : nil,
            rows: TopRow.sorted(rows, by: options.sortColumn, descending: options.descending))
    }
}

/// Tick counts of one refresh interval.
struct IntervalCounters: Sendable, Hashable {
    var ticks = 0
    var gilStacks = 0
    var activeStacks = 0
    var lateTicks = 0
}
