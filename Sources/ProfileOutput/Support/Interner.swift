import ProfileModel

/// Gives each distinct value a small dense id and stores the value once.
///
/// Writers keep ids instead of strings and arrays per sample, which is what keeps their memory proportional
/// to the distinct frames and stacks seen rather than to the length of the recording.
struct Interner<Value: Hashable>: Sendable where Value: Sendable {
    private(set) var values: [Value] = []
    private var ids: [Value: UInt32] = [:]

    /// The id of `value`, assigning the next one the first time it is seen.
    mutating func id(for value: Value) -> UInt32 {
        if let id = ids[value] { return id }
        let id = UInt32(truncatingIfNeeded: values.count)
        values.append(value)
        ids[value] = id
        return id
    }

    subscript(id: UInt32) -> Value { values[Int(id)] }

    var count: Int { values.count }
}

/// The parts of a frame an output identifies it by. Which file (short or full) and whether the line counts
/// depend on the format, so each writer builds its own keys.
struct FrameKey: Hashable, Sendable {
    var name: String
    var file: String
    /// 0 when line numbers are off or unknown.
    var line: Int
}

extension Frame {
    /// The key used by labelled outputs (raw, flamegraph): the file as shown, line only when shown.
    func labelKey(_ lineNumbers: LineNumbers) -> FrameKey {
        FrameKey(name: name, file: displayFilename, line: lineNumbers.showsLineNumbers ? line : 0)
    }

    /// The key used by speedscope and chrometrace, which carry the full file name.
    func fullKey(_ lineNumbers: LineNumbers) -> FrameKey {
        FrameKey(name: name, file: filename, line: lineNumbers.showsLineNumbers ? line : 0)
    }
}

extension String {
    /// Byte-wise ordering (what Rust and `sort` with `LC_ALL=C` use), independent of Unicode normalisation,
    /// so sorted output is the same everywhere.
    func bytewiseLess(_ other: String) -> Bool {
        utf8.lexicographicallyPrecedes(other.utf8)
    }
}
