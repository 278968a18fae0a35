import LiveTestSupport

extension Interpreters {
    /// The interpreters every output format is checked on: 2.7 and 3.12 when installed (the oldest frame-object
    /// layout and a current interpreter-frame one), else the oldest and newest found.
    static var formatCoverage: [Interpreter] {
        let wanted = installed.filter { $0.isVersion(2, 7) || $0.isVersion(3, 12) }
        if !wanted.isEmpty { return wanted }
        guard let oldest = installed.first, let newest = installed.last else { return [] }
        return oldest.label == newest.label ? [oldest] : [oldest, newest]
    }
}
