/// The four numeric columns of the `top` table, in screen order; keys `1`–`4` sort by them (reference §4.2).
package enum TopColumn: Int, Sendable, CaseIterable {
    /// Share of the last refresh interval's samples in which the function itself was running.
    case ownPercent = 1
    /// Share of the last interval's samples in which the function was anywhere on the stack.
    case totalPercent = 2
    /// Time the function itself ran since the start (or the last reset).
    case ownTime = 3
    /// Time the function was on the stack since the start (or the last reset).
    case totalTime = 4

    /// The header title, as py-spy prints it.
    package var title: String {
        switch self {
        case .ownPercent: return "%Own"
        case .totalPercent: return "%Total"
        case .ownTime: return "OwnTime"
        case .totalTime: return "TotalTime"
        }
    }

    /// Whether this column is one of the two percentages (as opposed to the two times): narrow terminals show
    /// only the pair the sort column belongs to.
    package var isPercentage: Bool { self == .ownPercent || self == .totalPercent }
}

/// What the user chose with the keys: these survive a statistics reset.
package struct TopViewOptions: Sendable, Hashable {
    /// py-spy sorts by OwnTime until told otherwise: cumulative time is stable, so rows don't jump around.
    package var sortColumn: TopColumn = .ownTime
    /// Largest first; pressing the sorted column's key again flips it.
    package var descending = true
    /// Aggregate by `function (file:line)` instead of `function (file)`; off by default as in py-spy.
    package var byLine = false
    /// Show the key help block above the table.
    package var showHelp = false

    package init(
        sortColumn: TopColumn = .ownTime, descending: Bool = true, byLine: Bool = false, showHelp: Bool = false
    ) {
        self.sortColumn = sortColumn
        self.descending = descending
        self.byLine = byLine
        self.showHelp = showHelp
    }

    /// Applies one key. `quit` is the caller's business and changes nothing here.
    package mutating func apply(_ key: TopKey) {
        switch key {
        case .sort(let column):
            if column == sortColumn {
                descending.toggle()
            } else {
                sortColumn = column
                descending = true
            }
        case .toggleLineAggregation: byLine.toggle()
        case .showHelp: showHelp = true
        case .hideHelp: showHelp = false
        case .reset, .quit: break
        }
    }
}
