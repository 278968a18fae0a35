/// Draws `FlameCells` as a self-contained, interactive SVG icicle graph (root at the top, callees below),
/// with the look py-spy's flamegraphs have: 1200 px wide, 16 px rows, monospace 12 px, the hot palette.
///
/// Every frame becomes one `<g>` with a `<title>` tooltip, a `<rect>` and a `<text>`; `FlamegraphScript`
/// adds zoom and search. Nothing is loaded from the network. The document is streamed, one frame at a time.
enum FlamegraphSVG {
    enum Layout {
        static let imageWidth = 1200.0
        static let sidePadding = 10.0
        static let frameAreaWidth = imageWidth - 2 * sidePadding
        static let rowHeight = 16.0
        static let rectHeight = 15.0
        static let top = 36.0
        static let bottomPadding = 34.0
        /// Average advance of a 12 px monospace glyph, for fitting labels into frames.
        static let characterWidth = 7.08
        /// After zooming, the script hides frames narrower than this many pixels.
        static let minimumWidth = 0.1
    }

    /// The complete SVG document for `cells`, headed by `title` (py-spy uses its command line).
    static func render(_ cells: FlameCells, title: String) -> String {
        var bytes: [UInt8] = []
        write(cells, title: title) { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Hands the SVG document for `cells` to `emit` piece by piece, so the whole text never exists at once.
    static func write(_ cells: FlameCells, title: String, emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        func put(_ text: String) {
            var text = text
            text.withUTF8(emit)
        }
        let total = cells.totalSamples
        let height = Layout.top + Double(cells.depth) * Layout.rowHeight + Layout.bottomPadding
        let heightText = DecimalText.trimmed(height, decimals: 2)
        let footerY = DecimalText.trimmed(height - 17, decimals: 2)

        put(
            """
            <?xml version="1.0" standalone="no"?>
            <svg version="1.1" width="1200" height="\(heightText)" viewBox="0 0 1200 \(heightText)" \
            xmlns="http://www.w3.org/2000/svg" xmlns:fg="urn:x-swiftspy:flamegraph" onload="init()">
            <defs><linearGradient id="background" x1="0" y1="0" x2="0" y2="1">\
            <stop stop-color="#eeeeee" offset="5%"/><stop stop-color="#eeeeb0" offset="95%"/></linearGradient></defs>
            <style type="text/css"><![CDATA[
            \(FlamegraphScript.style)
            ]]></style>
            <script type="text/ecmascript"><![CDATA[
            \(FlamegraphScript.script)
            ]]></script>
            <rect x="0" y="0" width="100%" height="100%" fill="url(#background)"/>
            <text id="title" x="600" y="24">\(XMLText.escape(title))</text>
            <text id="unzoom" class="hide" x="10" y="24">Reset Zoom</text>
            <text id="search" x="1190" y="24">Search</text>
            <text id="details" x="10" y="\(footerY)"> </text>
            <text id="matched" class="hide" x="1190" y="\(footerY)"> </text>

            """)
        if total == 0 {
            put(
                "<text x=\"600\" y=\"\(DecimalText.trimmed(Layout.top + 12, decimals: 2))\" "
                    + "text-anchor=\"middle\">No samples were collected</text>\n")
        }
        put(
            "<g id=\"frames\" fg:total=\"\(total)\" fg:width=\"\(DecimalText.trimmed(Layout.frameAreaWidth, decimals: 2))\" "
                + "fg:xpad=\"\(DecimalText.trimmed(Layout.sidePadding, decimals: 2))\">\n")
        for cell in cells.cells {
            put(frameElement(cell, label: cells.label(of: cell), total: total))
        }
        put("</g>\n</svg>\n")
    }

    /// One frame: tooltip, box and (fitted) label.
    private static func frameElement(_ cell: FlameCells.Cell, label rawLabel: String, total: Int) -> String {
        let x = Layout.sidePadding + Double(cell.start) / Double(total) * Layout.frameAreaWidth
        let width = Double(cell.samples) / Double(total) * Layout.frameAreaWidth
        let y = Layout.top + Double(cell.depth) * Layout.rowHeight
        let label = XMLText.escape(rawLabel)
        let percent = DecimalText.fixed(Double(cell.samples) * 100 / Double(total), decimals: 2)
        let sampleWord = cell.samples == 1 ? "sample" : "samples"
        let tooltip = "\(label) (\(DecimalText.grouped(cell.samples)) \(sampleWord), \(percent)%)"
        let fill = FlamegraphColors.fill(for: rawLabel)
        let text = XMLText.escape(fittedLabel(rawLabel, width: width))
        return "<g><title>\(tooltip)</title>"
            + "<rect x=\"\(px(x))\" y=\"\(px(y))\" width=\"\(px(width))\" height=\"\(px(Layout.rectHeight))\" "
            + "fill=\"\(fill)\" fg:x=\"\(cell.start)\" fg:w=\"\(cell.samples)\"/>"
            + "<text x=\"\(px(x + 3))\" y=\"\(px(y + 10.5))\">\(text)</text></g>\n"
    }

    /// `label` cut to what fits in `width` pixels, ending in `..` when cut, or nothing when fewer than three
    /// characters fit. The script applies the same rule after zooming.
    static func fittedLabel(_ label: String, width: Double) -> String {
        let fit = Int(((width - 6) / Layout.characterWidth).rounded(.down))
        guard fit >= 3 else { return "" }
        // Count UTF-16 units, as the script's `String.length` does, so both sides cut at the same place.
        guard label.utf16.count > fit else { return label }
        var kept = ""
        var used = 0
        for character in label {
            let size = character.utf16.count
            guard used + size <= fit - 2 else { break }
            kept.append(character)
            used += size
        }
        return kept + ".."
    }

    private static func px(_ value: Double) -> String {
        DecimalText.trimmed(value, decimals: 2)
    }
}
