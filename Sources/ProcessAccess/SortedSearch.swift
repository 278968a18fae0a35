extension Array {
    /// In an array sorted by `start`, the index of the last element whose start is at or below `value` (binary
    /// search): the only one that can contain `value` when the elements are non-overlapping ranges.
    func lastIndex(startingAtOrBelow value: UInt64, start: (Element) -> UInt64) -> Int? {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if start(self[mid]) <= value { low = mid + 1 } else { high = mid }
        }
        return low > 0 ? low - 1 : nil
    }

    /// The element at `lastIndex(startingAtOrBelow:start:)`.
    func last(startingAtOrBelow value: UInt64, start: (Element) -> UInt64) -> Element? {
        lastIndex(startingAtOrBelow: value, start: start).map { self[$0] }
    }
}
