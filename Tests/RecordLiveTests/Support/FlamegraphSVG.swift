import LiveTestSupport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A `flamegraph` file read with `XMLParser`: it must be well-formed XML with an `<svg>` root. The `<title>`
/// tooltips (`label (N samples, P%)`, inferno's format, reference §2.3) are collected for the content checks.
struct FlamegraphSVG: Sendable {
    struct Tooltip: Sendable {
        let label: String
        let samples: Int
        let percent: Double
    }

    let rootElement: String
    let titles: [String]

    /// The titles that are frame tooltips, parsed.
    var tooltips: [Tooltip] {
        titles.compactMap { title in
            guard title.hasSuffix("%)"), let open = title.range(of: " (", options: .backwards) else { return nil }
            let inside = title[open.upperBound..<title.index(title.endIndex, offsetBy: -2)]
            let parts = inside.components(separatedBy: " samples, ")
            guard parts.count == 2, let percent = Double(parts[1]),
                let samples = Int(
                    parts[0].replacingOccurrences(of: ",", with: "").replacingOccurrences(of: " sample", with: ""))
            else { return nil }
            return Tooltip(label: String(title[..<open.lowerBound]), samples: samples, percent: percent)
        }
    }

    static func parse(_ data: Data) throws -> FlamegraphSVG {
        let collector = Collector()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = collector
        guard parser.parse() else {
            let reason = parser.parserError.map { "\($0)" } ?? "unknown error"
            throw LiveTestError("the flamegraph is not well-formed XML (line \(parser.lineNumber)): \(reason)")
        }
        guard let root = collector.root else { throw LiveTestError("the flamegraph has no root element") }
        return FlamegraphSVG(rootElement: root, titles: collector.titles)
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var root: String?
        var titles: [String] = []
        private var title: String?

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            if root == nil { root = name }
            if name == "title" { title = "" }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if title != nil { title! += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "title", let text = title {
                titles.append(text)
                title = nil
            }
        }
    }
}
