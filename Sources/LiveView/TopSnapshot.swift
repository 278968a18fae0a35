import ProfileOutput

/// Everything the renderer needs from the model, as plain values.
package struct TopSnapshot: Sendable, Equatable {
    package var options: TopViewOptions
    package var totalSamples: Int
    package var errorCount: Int
    package var lastError: String?
    package var gilPercent: Double
    package var activePercent: Double
    package var threadCount: Int
    /// Distinct processes in the last tick (shown with `--subprocesses`).
    package var processCount: Int
    /// Seconds behind schedule, when sampling is falling behind badly enough to warn about.
    package var lag: Double?
    /// Sorted, all of them; the renderer shows as many as fit.
    package var rows: [TopRow]

    package init(
        options: TopViewOptions = TopViewOptions(), totalSamples: Int = 0, errorCount: Int = 0,
        lastError: String? = nil, gilPercent: Double = 0, activePercent: Double = 0, threadCount: Int = 0,
        processCount: Int = 0, lag: Double? = nil, rows: [TopRow] = []
    ) {
        self.options = options
        self.totalSamples = totalSamples
        self.errorCount = errorCount
        self.lastError = lastError
        self.gilPercent = gilPercent
        self.activePercent = activePercent
        self.threadCount = threadCount
        self.processCount = processCount
        self.lag = lag
        self.rows = rows
    }

    /// Failed ticks as a percentage of all ticks.
    package var errorRate: Double {
        totalSamples > 0 ? Double(errorCount) / Double(totalSamples) * 100 : 0
    }

    /// py-spy mentions errors only once they are a real share (1 %) of a meaningful number (100) of samples.
    package var showsErrorRate: Bool { totalSamples > 100 && errorRate >= 1 }
}

/// One row of the table.
package struct TopRow: Sendable, Equatable {
    package let key: FrameKey
    /// `function (file)` or `function (file:line)`, by the rule every output shares (computed once: sorting
    /// compares labels often).
    package let label: String
    package var ownPercent: Double
    package var totalPercent: Double
    /// Seconds.
    package var ownTime: Double
    /// Seconds.
    package var totalTime: Double

    package init(key: FrameKey, ownPercent: Double, totalPercent: Double, ownTime: Double, totalTime: Double) {
        self.key = key
        label = FrameLabel.text(name: key.name, file: key.file, line: key.line)
        self.ownPercent = ownPercent
        self.totalPercent = totalPercent
        self.ownTime = ownTime
        self.totalTime = totalTime
    }

    package func value(of column: TopColumn) -> Double {
        switch column {
        case .ownPercent: return ownPercent
        case .totalPercent: return totalPercent
        case .ownTime: return ownTime
        case .totalTime: return totalTime
        }
    }

    /// Sorted by `column`; equal values fall back to the label (always A–Z) so the order never flickers
    /// between refreshes.
    static func sorted(_ rows: [TopRow], by column: TopColumn, descending: Bool) -> [TopRow] {
        rows.sorted { lhs, rhs in
            let left = lhs.value(of: column)
            let right = rhs.value(of: column)
            if left != right { return descending ? left > right : left < right }
            return lhs.label < rhs.label
        }
    }
}
