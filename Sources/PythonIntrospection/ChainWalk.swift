import ProcessAccess

/// How the walk of a linked chain (a frame chain, the thread list) ended.
enum ChainEnd: Sendable, Equatable {
    /// It reached a null link.
    case complete
    /// It came back to a record it had already handed over: only the first `distinct` records form a list,
    /// and the walk stopped before handing over a repeat of them more than the detection needed (see
    /// `CycleDetector`). Real CPython chains never loop; a loop is a chain read while it changed, or garbage.
    case cycle(distinct: Int)
    /// It handed over `limit` records and the chain went on: a last-resort guard on the walker's own memory.
    case truncated(after: Int)
}

/// Brent's cycle detection over the addresses of a chain's records, so a looping chain is caught whatever its
/// length, with no fixed cap on depth: one saved address and three integers, O(1) per record and no allocation
/// (the warm sampler's prefetched walk calls this for every frame).
///
/// The saved address is replaced at records 0, 2, 6, 14, … (after 1, 2, 4, 8, … records): once the gap is at
/// least the loop's length and the saved record lies on the loop, the walk meets it again within one lap. A
/// loop of length λ entered after μ records is therefore found within about μ + 2λ records, so a looping chain
/// is never walked for more than a few times its real length.
struct CycleDetector: Sendable {
    private var saved: UInt64 = 0
    private var savedIndex = -1
    private var gap = 1

    /// Call with each record's address before it is handed over, `index` being how many came before it. Returns
    /// the loop's length when `address` is the saved one (a record already handed over), else nil.
    @inline(__always)
    mutating func revisits(_ address: RemoteAddress, index: Int) -> Int? {
        if address.rawValue == saved, savedIndex >= 0 { return index - savedIndex }
        if index - savedIndex >= gap {
            saved = address.rawValue
            savedIndex = index
            gap &<<= 1
        }
        return nil
    }
}
