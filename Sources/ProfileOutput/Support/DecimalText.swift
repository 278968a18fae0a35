/// Plain number formatting without Foundation (no locale can change a decimal point), for SVG coordinates,
/// percentages and the `top` screen.
package enum DecimalText {
    /// `value` rounded to `decimals` places, trailing zeros (and a trailing point) removed: `12.5`, `3`, `0.07`.
    package static func trimmed(_ value: Double, decimals: Int) -> String {
        let text = fixed(value, decimals: decimals)
        guard text.contains(".") else { return text }
        var trimmed = Substring(text)
        while trimmed.last == "0" { trimmed = trimmed.dropLast() }
        if trimmed.last == "." { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }

    /// `value` with exactly `decimals` places: `25.50`.
    package static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return String(Int64(value.rounded())) }
        let units = Int64(scaled)
        let divisor = Int64(scale)
        let sign = value < 0 && units != 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(units) }
        let fraction = String(units % divisor)
        return sign + String(units / divisor) + "." + String(repeating: "0", count: decimals - fraction.count)
            + fraction
    }

    /// `count` with thousands separators: `1,234,567`.
    package static func grouped(_ count: Int) -> String {
        let digits = String(count.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return count < 0 ? "-" + out : out
    }
}
