import Foundation
import ProfileModel
import Testing

@testable import ProfileOutput

@Suite("flamegraph SVG")
struct FlamegraphTests {
    static let title = "swiftspy record -o out.svg -- python3 \"a&b\" <x>"

    /// 3 × main (leaf), 1 × main (middle only), 1 × sleeper: 5 samples, 6 frames including `all`.
    static func sampleWriter() -> FlamegraphWriter {
        var writer = FlamegraphWriter(options: RecordOutputOptions(title: title))
        for _ in 0..<3 { writer.add([Fixtures.mainThread()], at: .zero) }
        writer.add([Fixtures.mainThread([Fixtures.middle, Fixtures.module]), Fixtures.sleeperThread()], at: .zero)
        return writer
    }

    @Test("parses as XML; one rect per frame; tooltips; escaped title")
    func structure() throws {
        let svg = try SVGReader.read(Self.sampleWriter().render())
        #expect(svg.titleText == Self.title)
        #expect(svg.framesGroup["fg:total"] == "5")
        #expect(svg.frames.count == 6)
        let titles = Set(svg.frames.map(\.title))
        #expect(titles.contains("all (5 samples, 100.00%)"))
        #expect(titles.contains("leaf (work.py:6) (3 samples, 60.00%)"))
        #expect(titles.contains("middle (work.py:11) (4 samples, 80.00%)"))
        #expect(titles.contains("sleeper (work.py:14) (1 sample, 20.00%)"))
        #expect(svg.frames.allSatisfy { $0.rect["height"] == "15" && ($0.rect["fill"] ?? "").hasPrefix("rgb(") })
    }

    @Test("icicle: root at the top, widths add up level by level")
    func geometry() throws {
        let svg = try SVGReader.read(Self.sampleWriter().render())
        let root = try #require(svg.frames.first)
        #expect(root.title.hasPrefix("all "))
        #expect(root.start == 0 && root.samples == 5)
        #expect(abs(root.width - 1180) < 0.01 && abs(root.x - 10) < 0.01)
        #expect(svg.frames.allSatisfy { $0.y >= root.y })

        let rows = Dictionary(grouping: svg.frames, by: \.y).sorted { $0.key < $1.key }
        for (parentRow, childRow) in zip(rows, rows.dropFirst()) {
            for child in childRow.value {
                // Every child lies inside exactly one frame of the row above.
                let parents = parentRow.value.filter { $0.start <= child.start && child.start + child.samples <= $0.start + $0.samples }
                #expect(parents.count == 1)
                #expect(abs(child.width - Double(child.samples) / 5 * 1180) < 0.01)
                #expect(abs(child.x - (10 + Double(child.start) / 5 * 1180)) < 0.01)
            }
            // Children never overlap, and together never exceed their parents.
            let spans = childRow.value.map { ($0.start, $0.start + $0.samples) }.sorted { $0.0 < $1.0 }
            #expect(zip(spans, spans.dropFirst()).allSatisfy { $0.1 <= $1.0 })
            #expect(childRow.value.map(\.samples).reduce(0, +) <= parentRow.value.map(\.samples).reduce(0, +))
        }
        // Depth 1 holds the two root frames (`<module>` 4, `run` 1) covering every sample.
        #expect(rows[1].value.map(\.samples).sorted() == [1, 4])
        // Siblings are ordered by label: `<module>` before `run`.
        #expect(rows[1].value.sorted { $0.start < $1.start }.map { $0.title.prefix(4) } == ["<mod", "run "])
    }

    @Test("self-contained: no external references, script present")
    func selfContained() throws {
        let text = Self.sampleWriter().render()
        let svg = try SVGReader.read(text)
        #expect(!svg.allAttributes.contains { $0.name.hasSuffix("href") || $0.name == "src" })
        #expect(!svg.elementNames.contains("image") && !svg.elementNames.contains("foreignObject"))
        #expect(svg.script.contains("function zoom("))
        #expect(svg.script.contains("function search("))
        #expect(!text.contains("]]>\n]]>"))
    }

    @Test("frame labels with markup, control characters and non-ASCII stay well-formed")
    func escaping() throws {
        var writer = FlamegraphWriter()
        let odd = Frame(name: "<lambda>&\"'\u{01}", filename: "unicode💩.py", line: 3)
        writer.add([Fixtures.mainThread([odd, Frame(name: "кириллица", filename: "cyrillic.py", line: 4)])], at: .zero)
        let svg = try SVGReader.read(writer.render())
        #expect(svg.frames.contains { $0.title == "<lambda>&\"'\u{FFFD} (unicode💩.py:3) (1 sample, 100.00%)" })
        #expect(svg.frames.contains { $0.title.hasPrefix("кириллица (cyrillic.py:4)") })
    }

    @Test("frames narrower than 0.1 px are dropped with their children")
    func minimumWidth() throws {
        var writer = FlamegraphWriter()
        for _ in 0..<20_000 { writer.add([Fixtures.mainThread([Fixtures.module])], at: .zero) }
        writer.add([Fixtures.mainThread([Fixtures.leaf, Fixtures.sleeper])], at: .zero)
        let svg = try SVGReader.read(writer.render())
        #expect(svg.frames.map(\.samples) == [20_001, 20_000])
    }

    @Test("nothing sampled still renders a valid SVG")
    func empty() throws {
        let svg = try SVGReader.read(FlamegraphWriter().render())
        #expect(svg.frames.isEmpty)
    }

    @Test("labels are fitted to their boxes")
    func fitting() {
        #expect(FlamegraphSVG.fittedLabel("middle (work.py:11)", width: 1180) == "middle (work.py:11)")
        #expect(FlamegraphSVG.fittedLabel("middle (work.py:11)", width: 60) == "middl..")
        #expect(FlamegraphSVG.fittedLabel("middle (work.py:11)", width: 20) == "")
    }

    @Test("the embedded script is valid JavaScript", .enabled(if: Fixtures.hasNode))
    func scriptSyntax() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("flamegraph.js")
        try FlamegraphScript.script.write(to: file, atomically: true, encoding: .utf8)
        let node = Process()
        node.executableURL = URL(fileURLWithPath: Fixtures.nodePath)
        node.arguments = ["--check", file.path]
        try node.run()
        node.waitUntilExit()
        #expect(node.terminationStatus == 0)
    }
}
