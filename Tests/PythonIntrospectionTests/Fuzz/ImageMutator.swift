/// Seeded randomness for the fuzzer (SplitMix64): every image is reproducible from its seed.
struct FuzzRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Turns a real memory image into a damaged one, the ways a target's memory can be when read from outside:
/// torn or stale words, pointers to the wrong object, freed memory refilled with other data, plain noise.
enum ImageMutator {
    enum Kind: CaseIterable {
        /// A few random bytes changed.
        case flipBytes
        /// Aligned words replaced by values that derail a walk: another pointer of the image (a wrong object
        /// of a plausible kind, or a cycle), null, all ones, a huge length, an address just before a page end.
        case replaceWords
        /// A whole page filled with random bytes (memory freed and reused).
        case noisePage
        /// Every page random: nothing of the real image left but its addresses.
        case allNoise
    }

    /// `pointers`: `pointerValues` of the undamaged image, computed once.
    static func mutate(
        _ pages: [[UInt8]], pageNumbers: [UInt64], pointers: [UInt64], kind: Kind,
        using random: inout FuzzRandom
    ) -> [[UInt8]] {
        var pages = pages
        guard !pages.isEmpty else { return pages }
        let pageSize = Int(MemoryImage.pageSize)
        switch kind {
        case .flipBytes:
            for _ in 0..<Int.random(in: 1...16, using: &random) {
                let page = Int.random(in: 0..<pages.count, using: &random)
                pages[page][Int.random(in: 0..<pageSize, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
        case .replaceWords:
            for _ in 0..<Int.random(in: 1...8, using: &random) {
                let page = Int.random(in: 0..<pages.count, using: &random)
                let offset = Int.random(in: 0..<pageSize / 8, using: &random) * 8
                let value: UInt64
                switch Int.random(in: 0..<6, using: &random) {
                case 0: value = pointers.randomElement(using: &random) ?? 0
                case 1: value = 0
                case 2: value = .max
                case 3: value = UInt64.random(in: 0x1000...0x7FFF_FFFF, using: &random)  // a huge count
                case 4:
                    let target = pageNumbers.randomElement(using: &random) ?? 0
                    value = (target + 1) * MemoryImage.pageSize - UInt64.random(in: 1...16, using: &random)
                default: value = random.next()
                }
                withUnsafeBytes(of: value.littleEndian) { bytes in
                    pages[page].replaceSubrange(offset..<offset + 8, with: bytes)
                }
            }
        case .noisePage:
            let page = Int.random(in: 0..<pages.count, using: &random)
            pages[page] = noise(pageSize, using: &random)
        case .allNoise:
            for page in pages.indices { pages[page] = noise(pageSize, using: &random) }
        }
        return pages
    }

    /// `count` random bytes (a multiple of 8), a word at a time.
    static func noise(_ count: Int, using random: inout FuzzRandom) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { raw in
            for offset in stride(from: 0, to: count, by: 8) {
                raw.storeBytes(of: random.next(), toByteOffset: offset, as: UInt64.self)
            }
        }
        return bytes
    }

    /// Every aligned word of the image that points into the image: the values a wrong pointer is likeliest to be.
    static func pointerValues(_ pages: [[UInt8]], pageNumbers: [UInt64]) -> [UInt64] {
        let known = Set(pageNumbers)
        var result: [UInt64] = []
        for page in pages {
            page.withUnsafeBytes { raw in
                for offset in stride(from: 0, to: raw.count, by: 8) {
                    let value = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                    if value != 0, known.contains(value / MemoryImage.pageSize) { result.append(value) }
                }
            }
        }
        return result
    }
}
