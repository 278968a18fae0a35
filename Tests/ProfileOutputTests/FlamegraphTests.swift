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
                let parents = parentRow.value.filter {
                    $0.start <= child.start && child.start + child.samples <= $0.start + $0.samples
                }
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

    @Test("frames narrower than 0.1 % of the samples are dropped with their children")
    func minimumWidth() throws {
        var writer = FlamegraphWriter()
        for _ in 0..<20_000 { writer.add([Fixtures.mainThread([Fixtures.module])], at: .zero) }
        writer.add([Fixtures.mainThread([Fixtures.leaf, Fixtures.sleeper])], at: .zero)
        let svg = try SVGReader.read(writer.render())
        #expect(svg.frames.map(\.samples) == [20_001, 20_000])
    }

    @Test("--min-width: the threshold is a share of all samples, 0 keeps everything")
    func minimumWidthOption() throws {
        func frames(minimumWidth: Double) throws -> [Int] {
            var writer = FlamegraphWriter(options: RecordOutputOptions(minimumWidthPercent: minimumWidth))
            for _ in 0..<999 { writer.add([Fixtures.mainThread([Fixtures.module])], at: .zero) }
            writer.add([Fixtures.mainThread([Fixtures.leaf, Fixtures.sleeper])], at: .zero)  // exactly 0.1 %
            return try SVGReader.read(writer.render()).frames.map(\.samples)
        }
        #expect(try frames(minimumWidth: 0.1) == [1000, 999, 1, 1])
        #expect(try frames(minimumWidth: 0.2) == [1000, 999])
        #expect(try frames(minimumWidth: 0) == [1000, 999, 1, 1])
    }

    @Test("a label that is a prefix of a sibling's is still one frame")
    func prefixLabelsStayOneFrame() throws {
        // Sorted as joined lines, `f (m.py:1)` would come before and after `f (m.py:10)`, split in two.
        let one = Fixtures.frame("f", "m.py", 1), ten = Fixtures.frame("f", "m.py", 10),
            x = Fixtures.frame("x", "m.py", 5)
        var writer = FlamegraphWriter(options: RecordOutputOptions(minimumWidthPercent: 0))
        writer.add([Fixtures.mainThread([one])], at: .zero)
        writer.add([Fixtures.mainThread([ten])], at: .zero)
        writer.add([Fixtures.mainThread([x, one])], at: .zero)
        let frames = try SVGReader.read(writer.render()).frames
        #expect(frames.filter { $0.title.hasPrefix("f (m.py:1) ") }.map(\.samples) == [2])
        #expect(frames.count == 4)
    }

    @Test("never-repeating stacks give a small file: one sliver per sample is merged away")
    func manyDistinctStacks() throws {
        var writer = FlamegraphWriter()
        for sample in 0..<6_000 {  // 60 s at 100 Hz, every stack different below the first frames
            let frames = (0..<40).map { Fixtures.frame("f\(sample % 7)_\($0)", "deep.py", sample * 40 + $0) }
            writer.add([Fixtures.mainThread(frames + [Fixtures.middle, Fixtures.module])], at: .zero)
        }
        let text = writer.render()
        let svg = try SVGReader.read(text)
        #expect(svg.frames.count == 3, "all, <module>, middle: every deeper frame is 1 of 6,000 samples")
        #expect(text.utf8.count < 100_000, "\(text.utf8.count) bytes")
        var kept = FlamegraphWriter(options: RecordOutputOptions(minimumWidthPercent: 0))
        kept.add([Fixtures.mainThread([Fixtures.middle, Fixtures.module])], at: .zero)
        #expect(try SVGReader.read(kept.render()).frames.count == 3)
    }

    @Test("the streamed file is the rendered document")
    func streamedEqualsRendered() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("out.svg").path
        let writer = Self.sampleWriter()
        try writer.write(to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == writer.render())
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
