/// Which columns the table shows at a given width, and where everything goes.
///
/// From 50 columns up it is py-spy's layout: four numbers in a 37-column prefix, then the label. Narrower, the
/// four numbers would leave no room for names (py-spy then lets lines wrap, which scrambles the screen), so
/// only the pair of columns the sort key belongs to is kept: the two percentages or the two times.
struct TopTableLayout: Sendable, Equatable {
    let columns: [TopColumn]

    /// Below this width the compact layout is used.
    static let fullLayoutMinimumWidth = 50
    /// Three spaces separate the numbers from the label.
    static let labelGap = 3

    init(width: Int, sortColumn: TopColumn) {
        if width >= Self.fullLayoutMinimumWidth {
            columns = TopColumn.allCases
        } else {
            columns = sortColumn.isPercentage ? [.ownPercent, .totalPercent] : [.ownTime, .totalTime]
        }
    }

    /// Width of a column's cell: `100.00%`, `100.00%`, `   3.00s`, `    3.00s`.
    static func cellWidth(_ column: TopColumn) -> Int {
        switch column {
        case .ownPercent, .totalPercent: return 7
        case .ownTime: return 8
        case .totalTime: return 9
        }
    }

    /// Where a title starts inside its cell; the column before it holds the sort marker. These reproduce
    /// py-spy's header (`  %Own   %Total  OwnTime  TotalTime  Function`).
    static func titleOffset(_ column: TopColumn) -> Int {
        column == .ownPercent ? 2 : 1
    }

    /// Columns before the label (37 in the full layout).
    var prefixWidth: Int {
        columns.map(Self.cellWidth).reduce(0, +) + (columns.count - 1) + Self.labelGap
    }

    /// One cell's text, exactly `cellWidth` wide for ordinary values.
    static func cell(_ column: TopColumn, of row: TopRow) -> String {
        switch column {
        case .ownPercent: return TopFormat.percent(row.ownPercent)
        case .totalPercent: return TopFormat.percent(row.totalPercent)
        case .ownTime: return TopFormat.padLeft(TopFormat.seconds(row.ownTime), 7) + "s"
        case .totalTime: return TopFormat.padLeft(TopFormat.seconds(row.totalTime), 8) + "s"
        }
    }

    /// A table row, at most `width` columns.
    func row(_ row: TopRow, width: Int) -> String {
        let numbers = columns.map { Self.cell($0, of: row) }.joined(separator: " ")
        let prefix = numbers + String(repeating: " ", count: Self.labelGap)
        let label = ScreenText.sanitized(TopFormat.label(row.key, width: max(1, width - prefix.count)))
        return TopFormat.truncate(prefix + label, width)
    }

    /// The header's parts, each with whether it is the sorted column's title (shown bold when styled).
    func header(options: TopViewOptions) -> [(text: String, sorted: Bool)] {
        var parts: [(text: String, sorted: Bool)] = []
        var line = ""
        for (index, column) in columns.enumerated() {
            if index > 0 { line += " " }
            let offset = Self.titleOffset(column)
            let marker = column == options.sortColumn ? (options.descending ? "▼" : "▲") : " "
            line += String(repeating: " ", count: offset - 1) + marker
            if column == options.sortColumn {
                parts.append((line, false))
                parts.append((column.title, true))
                line = ""
            } else {
                line += column.title
            }
            // A title may be one wider than its cell (TotalTime); the gap before the label absorbs it.
            let used = offset + column.title.count
            line += String(repeating: " ", count: max(0, Self.cellWidth(column) - used))
        }
        let written = parts.map(\.text.count).reduce(0, +) + line.count
        line += String(repeating: " ", count: max(1, prefixWidth - written))
        line += options.byLine ? "Function (filename:line)" : "Function (filename)"
        parts.append((line, false))
        return parts
    }
}
