/// A CPython version, e.g. 3.12.1 or 3.13.0rc2.
package struct PythonVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    package var major: Int
    package var minor: Int
    package var micro: Int
    /// `a1`, `b2`, `rc1`, or "" for a final release.
    package var releaseSuffix: String
    /// Build metadata after `+` (e.g. `cinder`), if any.
    package var buildMetadata: String?

    package init(major: Int, minor: Int, micro: Int, releaseSuffix: String = "", buildMetadata: String? = nil) {
        self.major = major
        self.minor = minor
        self.micro = micro
        self.releaseSuffix = releaseSuffix
        self.buildMetadata = buildMetadata
    }

    /// Decodes `PY_VERSION_HEX` as stored in the `Py_Version` symbol (3.11+): major, minor, micro, then a
    /// release level (0xA alpha, 0xB beta, 0xC candidate, 0xF final) and serial. See CPython's
    /// Include/patchlevel.h.
    package init?(hex: UInt32) {
        let major = Int(hex >> 24), minor = Int((hex >> 16) & 0xFF), micro = Int((hex >> 8) & 0xFF)
        let level = (hex >> 4) & 0xF, serial = Int(hex & 0xF)
        guard major == 2 || major == 3 else { return nil }
        let suffix: String
        switch level {
        case 0xA: suffix = "a\(serial)"
        case 0xB: suffix = "b\(serial)"
        case 0xC: suffix = "rc\(serial)"
        case 0xF: suffix = ""
        default: return nil
        }
        self.init(major: major, minor: minor, micro: micro, releaseSuffix: suffix)
    }

    /// Finds a version at the start of `sys.version`-like text: `X.Y.Z[suffix][+meta]` followed by a space and
    /// at least one more character (so `3.7.10fooboo` is rejected, as py-spy does).
    package init?(versionText text: some Collection<UInt8>) {
        guard let found = Self.scan(Array(text), requireParenthesis: false), found.offset == 0 else { return nil }
        self = found.version
    }

    /// Searches raw memory (e.g. a copy of .bss) for the first `sys.version` string: `X.Y.Z[suffix] (`.
    package static func search(in bytes: [UInt8]) -> PythonVersion? {
        scan(bytes, requireParenthesis: true)?.version
    }

    private static func scan(_ bytes: [UInt8], requireParenthesis: Bool) -> (version: PythonVersion, offset: Int)? {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "2") || byte == UInt8(ascii: "3"),
                index == 0 || !isDigit(bytes[index - 1]),
                let version = parse(bytes, at: index, requireParenthesis: requireParenthesis)
            {
                return (version, index)
            }
            if !requireParenthesis { return nil }
            index += 1
        }
        return nil
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func parse(_ bytes: [UInt8], at start: Int, requireParenthesis: Bool) -> PythonVersion? {
        var index = start
        func number(maxDigits: Int) -> Int? {
            var value = 0, digits = 0
            while index < bytes.count, isDigit(bytes[index]), digits < maxDigits {
                value = value * 10 + Int(bytes[index] - 0x30)
                index += 1
                digits += 1
            }
            if index < bytes.count, isDigit(bytes[index]) { return nil }
            return digits == 0 ? nil : value
        }
        func expect(_ ascii: Character) -> Bool {
            guard index < bytes.count, bytes[index] == ascii.asciiValue else { return false }
            index += 1
            return true
        }
        guard let major = number(maxDigits: 1), expect("."), let minor = number(maxDigits: 2), expect("."),
            let micro = number(maxDigits: 2)
        else { return nil }
        var suffix = ""
        for tag in ["rc", "a", "b", "c"] where bytes[index...].starts(with: Array(tag.utf8)) {
            let save = index
            index += tag.utf8.count
            if let serial = number(maxDigits: 2) {
                suffix = tag + String(serial)
            } else {
                index = save
            }
            break
        }
        var metadata: String?
        if expect("+") {
            let metaStart = index
            while index < bytes.count, bytes[index] != UInt8(ascii: " ") {
                let b = bytes[index]
                guard isDigit(b) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
                else { return nil }
                index += 1
            }
            metadata = String(decoding: bytes[metaStart..<index], as: UTF8.self)
        }
        guard expect(" "), index < bytes.count, bytes[index] != 0 else { return nil }
        if requireParenthesis, bytes[index] != UInt8(ascii: "(") { return nil }
        guard major == 2 || major == 3 else { return nil }
        return PythonVersion(major: major, minor: minor, micro: micro, releaseSuffix: suffix, buildMetadata: metadata)
    }

    /// The version named by an interpreter file name: `python3.9`, `libpython3.12.so.1.0`, `libpython3.13t.so`.
    package init?(fileName: String) {
        // Searched as bytes: `firstRange(of:)` pulls in string-processing machinery whose first use costs
        // more than the rest of this parse, and it runs on every attach.
        let base = Array((fileName.split(separator: "/").last.map(String.init) ?? fileName).utf8)
        let needle = Array("python".utf8)
        guard base.count >= needle.count,
            let start = (0...base.count - needle.count).first(where: {
                base[$0..<$0 + needle.count].elementsEqual(needle)
            })
        else { return nil }
        let rest = String(decoding: base[(start + needle.count)...], as: UTF8.self)
        let parts = rest.split(separator: ".", maxSplits: 2)
        guard parts.count >= 2, let major = Int(parts[0]), major == 2 || major == 3 else { return nil }
        let minorDigits = parts[1].prefix { $0.isNumber }
        guard let minor = Int(minorDigits) else { return nil }
        self.init(major: major, minor: minor, micro: 0)
    }

    package var description: String {
        "\(major).\(minor).\(micro)\(releaseSuffix)" + (buildMetadata.map { "+" + $0 } ?? "")
    }

    package static func < (lhs: PythonVersion, rhs: PythonVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.micro) < (rhs.major, rhs.minor, rhs.micro)
    }

    /// True when this version is at least `major.minor`.
    package func isAtLeast(_ major: Int, _ minor: Int) -> Bool {
        (self.major, self.minor) >= (major, minor)
    }
}
