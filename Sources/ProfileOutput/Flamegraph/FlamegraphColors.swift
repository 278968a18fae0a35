/// The "hot" palette of classic flamegraphs (reds, oranges, yellows), with each colour derived from the
/// function's name so that a function keeps its colour across frames, files and runs.
enum FlamegraphColors {
    /// An `rgb(r,g,b)` fill for the frame labelled `label`. Only the function name (the text before ` (`)
    /// picks the colour, so every line of a function shares it.
    static func fill(for label: String) -> String {
        let name = label.firstRange(of: " (").map { String(label[..<$0.lowerBound]) } ?? label
        let hash = fnv1a(name)
        let red = 205 + Int(hash & 0xFF) * 50 / 255
        let green = Int((hash >> 8) & 0xFF) * 230 / 255
        let blue = Int((hash >> 16) & 0xFF) * 55 / 255
        return "rgb(\(red),\(green),\(blue))"
    }

    /// 64-bit FNV-1a: tiny, and unlike `Hasher` the same in every process.
    private static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        // Fold the high bits in, so names differing only in their last character still differ in colour.
        return hash ^ (hash >> 29) ^ (hash >> 47)
    }
}
