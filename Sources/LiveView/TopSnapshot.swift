import ProfileOutput

/// Everything the renderer needs from the model, as plain values.
public struct TopSnapshot: Sendable, Equatable {
    public var options: TopViewOptions
    public var totalSamples: Int
    public var errorCount: Int
    public var lastError: String?
    public var gilPercent: Double
    public var activePercent: Double
    public var threadCount: Int
    /// Distinct processes in the last tick (shown with `--subprocesses`).
    public var processCount: Int
    /// Seconds behind schedule, when sampling is falling behind badly enough to warn about.
    public var lag: Double?
    /// Sorted, all of them; the renderer shows as many as fit.
    public var rows: [TopRow]

    public init(
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
    public var errorRate: Double {
        totalSamples > 0 ? Double(errorCount) / Double(totalSamples) * 100 : 0
    }

    /// py-spy mentions errors only once they are a real share (1 %) of a meaningful number (100) of samples.
    public var showsErrorRate: Bool { totalSamples > 100 && errorRate >= 1 }
}

/// One row of the table.
public struct TopRow: Sendable, Equatable {
    public let key: FrameKey
    /// `function (file)` or `function (file:line)`, by the rule every output shares (computed once: sorting
    /// compares labels often).
    public let label: String
    public var ownPercent: Double
    public var totalPercent: Double
    /// Seconds.
    public var ownTime: Double
    /// Seconds.
    public var totalTime: Double

    public init(key: FrameKey, ownPercent: Double, totalPercent: Double, ownTime: Double, totalTime: Double) {
        self.key = key
        label = FrameLabel.text(name: key.name, file: key.file, line: key.line)
        self.ownPercent = ownPercent
        self.totalPercent = totalPercent
        self.ownTime = ownTime
        self.totalTime = totalTime
    }

    public func value(of column: TopColumn) -> Double {
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
