import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads a flamegraph SVG back with Foundation's XML parser: proof that it is well-formed XML, and the frames
/// it holds, so tests can check geometry without trusting our own writer.
final class SVGReader: NSObject, XMLParserDelegate {
    struct FrameElement {
        var title = ""
        var rect: [String: String] = [:]
        var text = ""

        var samples: Int { Int(rect["fg:w"] ?? "") ?? -1 }
        var start: Int { Int(rect["fg:x"] ?? "") ?? -1 }
        var x: Double { Double(rect["x"] ?? "") ?? .nan }
        var y: Double { Double(rect["y"] ?? "") ?? .nan }
        var width: Double { Double(rect["width"] ?? "") ?? .nan }
    }

    private(set) var frames: [FrameElement] = []
    private(set) var framesGroup: [String: String] = [:]
    private(set) var elementNames: [String] = []
    private(set) var allAttributes: [(element: String, name: String, value: String)] = []
    private(set) var titleText = ""
    private(set) var script = ""
    private var insideFrames = false
    private var current: FrameElement?
    private var textTarget: String?
    private var buffer = ""

    static func read(_ svg: String) throws -> SVGReader {
        let reader = SVGReader()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = reader
        guard parser.parse() else {
            throw parser.parserError ?? CocoaError(.fileReadCorruptFile)
        }
        return reader
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elementNames.append(name)
        for (key, value) in attributes { allAttributes.append((name, key, value)) }
        buffer = ""
        switch name {
        case "g" where attributes["id"] == "frames":
            insideFrames = true
            framesGroup = attributes
        case "g" where insideFrames:
            current = FrameElement()
        case "rect" where current != nil:
            current?.rect = attributes
        case "text" where attributes["id"] == "title":
            textTarget = "title"
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        buffer += string
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        buffer += String(decoding: block, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "title" where current != nil: current?.title = buffer
        case "text" where current != nil: current?.text = buffer
        case "text" where textTarget == "title":
            titleText = buffer
            textTarget = nil
        case "script": script = buffer
        case "g" where current != nil:
            if let current { frames.append(current) }
            current = nil
        case "g" where insideFrames: insideFrames = false
        default: break
        }
        buffer = ""
    }
}
