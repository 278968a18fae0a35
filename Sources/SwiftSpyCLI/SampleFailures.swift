/// The failed samples of a recording, counted by what went wrong, so that a recording in which every sample
/// failed can say why instead of reporting an empty profile as a success.
struct SampleFailures {
    private(set) var total = 0
    private var counts: [String: Int] = [:]
    /// The order reasons were first seen, so that a tie goes to the earliest.
    private var order: [String] = []

    mutating func add(_ reason: String) {
        total += 1
        if counts[reason] == nil { order.append(reason) }
        counts[reason, default: 0] += 1
    }

    /// The reason most samples failed for (the first seen among equals), nil when none failed.
    var mostCommon: String? {
        order.max { (counts[$0] ?? 0) < (counts[$1] ?? 0) }
    }
}

/// `record` ended with no sample read: every attempt failed. Thrown after the (empty) output is written, so that
/// the command exits non-zero with the reason instead of reporting success.
struct EverySampleFailed: Error, CustomStringConvertible {
    let attempts: Int
    let path: String
    let reason: String

    var description: String {
        "All \(attempts) samples failed, so '\(path)' holds no stacks; the most common reason: \(reason)"
    }
}
