import Foundation
import ProfileModel
import Testing

@testable import ProfileOutput

/// Runs the flamegraph's embedded script under node against a tiny stand-in DOM built from the rendered SVG,
/// then clicks, zooms and searches, so the interactive part is tested without a browser.
@Suite("flamegraph script", .enabled(if: Fixtures.hasNode))
struct FlamegraphScriptTests {
    /// Builds the stand-in DOM, runs `init`, performs the steps and prints what it saw as JSON.
    static let harness = #"""
        const fs = require("fs");
        const svg = fs.readFileSync(process.argv[2], "utf8");
        const unescape = (s) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"")
          .replace(/&apos;/g, "'").replace(/&amp;/g, "&");
        const attrsOf = (s) => { const a = {}; for (const m of s.matchAll(/([\w:-]+)="([^"]*)"/g)) a[m[1]] = unescape(m[2]); return a; };
        class El {
          constructor(tag, attrs, parent) {
            this.tagName = tag; this.attrs = attrs; this.children = []; this.parentNode = parent || null;
            this.textContent = ""; this.listeners = {};
            const set = new Set((attrs["class"] || "").split(" ").filter(Boolean));
            this.classList = { set, add: (c) => set.add(c), remove: (c) => set.delete(c),
              toggle: (c, on) => (on ? set.add(c) : set.delete(c)), contains: (c) => set.has(c) };
            if (parent) parent.children.push(this);
          }
          getAttribute(n) { return n in this.attrs ? this.attrs[n] : null; }
          setAttribute(n, v) { this.attrs[n] = String(v); }
          addEventListener(t, f) { this.listeners[t] = f; }
          getElementsByTagName(t) {
            const out = []; const walk = (e) => e.children.forEach((c) => { if (c.tagName === t) out.push(c); walk(c); });
            walk(this); return out;
          }
        }
        const byId = {};
        for (const m of svg.matchAll(/<(text|g) (id="[^"]*"[^>]*)>/g)) {
          const attrs = attrsOf(m[2]); byId[attrs.id] = new El(m[1], attrs, null);
        }
        const frames = byId["frames"];
        for (const m of svg.matchAll(/<g><title>(.*?)<\/title><rect ([^>]*)\/><text ([^>]*)>(.*?)<\/text><\/g>/g)) {
          const g = new El("g", {}, frames);
          new El("title", {}, g).textContent = unescape(m[1]);
          new El("rect", attrsOf(m[2]), g);
          new El("text", attrsOf(m[3]), g).textContent = unescape(m[4]);
        }
        let promptAnswer = null;
        global.document = { getElementById: (id) => byId[id] };
        global.window = { addEventListener: () => {}, prompt: () => promptAnswer };
        const script = svg.split("<![CDATA[")[2].split("]]>")[0];
        eval(script + "\n;global.__api = { init, unzoom, search, resetSearch, askSearch };");
        const api = global.__api;
        api.init();
        const find = (prefix) => frames.children.find((g) => g.children[0].textContent.startsWith(prefix));
        const snap = () => frames.children.map((g) => ({
          label: g.children[0].textContent.split(" (")[0], x: +g.children[1].attrs.x, width: +g.children[1].attrs.width,
          fill: g.children[1].attrs.fill, hidden: g.classList.contains("hide"), dimmed: g.classList.contains("parent"),
          text: g.children[2].textContent }));
        const result = {};
        frames.listeners.mouseover({ target: find("leaf").children[1] });
        result.details = byId["details"].textContent;
        frames.listeners.click({ target: find("middle").children[1] });
        result.zoomed = snap();
        result.unzoomVisible = !byId["unzoom"].classList.contains("hide");
        api.unzoom();
        result.unzoomed = snap();
        api.search("leaf|sleeper");
        result.searchA = { matched: byId["matched"].textContent, frames: snap() };
        api.search("e");
        result.searchB = byId["matched"].textContent;
        api.resetSearch();
        result.reset = { frames: snap(), button: byId["search"].textContent, hidden: byId["matched"].classList.contains("hide") };
        promptAnswer = "middle";
        api.askSearch();
        result.prompted = byId["matched"].textContent;
        console.log(JSON.stringify(result));
        """#

    struct DrawnFrame: Decodable {
        var label: String
        var x: Double
        var width: Double
        var fill: String
        var hidden: Bool
        var dimmed: Bool
        var text: String
    }

    struct Search: Decodable {
        var matched: String
        var frames: [DrawnFrame]
    }

    struct Reset: Decodable {
        var frames: [DrawnFrame]
        var button: String
        var hidden: Bool
    }

    struct Result: Decodable {
        var details: String
        var zoomed: [DrawnFrame]
        var unzoomVisible: Bool
        var unzoomed: [DrawnFrame]
        var searchA: Search
        var searchB: String
        var reset: Reset
        var prompted: String
    }

    static func run() throws -> Result {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let svgFile = directory.appendingPathComponent("profile.svg")
        let harnessFile = directory.appendingPathComponent("harness.js")
        try FlamegraphTests.sampleWriter().render().write(to: svgFile, atomically: true, encoding: .utf8)
        try harness.write(to: harnessFile, atomically: true, encoding: .utf8)
        let process = Process()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: Fixtures.nodePath)
        process.arguments = [harnessFile.path, svgFile.path]
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
        return try JSONDecoder().decode(Result.self, from: data)
    }

    @Test("hover, zoom, unzoom and search behave")
    func interactions() throws {
        let result = try Self.run()
        #expect(result.details == "Function: leaf (work.py:6) (3 samples, 60.00%)")

        let zoomed = Dictionary(uniqueKeysWithValues: result.zoomed.map { ($0.label, $0) })
        #expect(result.unzoomVisible)
        #expect(zoomed["middle"].map { $0.x == 10 && $0.width == 1180 && !$0.hidden } == true)
        // Siblings follow the sorted stacks, as in flamegraph.pl and inferno: `middle`'s own sample (the shorter
        // stack) comes first, so `leaf` starts one sample in.
        #expect(zoomed["leaf"].map { $0.x == 305 && $0.width == 885 && !$0.hidden } == true)
        #expect(zoomed["all"].map { $0.dimmed && $0.width == 1180 } == true)
        #expect(zoomed["<module>"].map { $0.dimmed && $0.width == 1180 } == true)
        #expect(zoomed["run"]?.hidden == true && zoomed["sleeper"]?.hidden == true)

        let unzoomed = Dictionary(uniqueKeysWithValues: result.unzoomed.map { ($0.label, $0) })
        #expect(result.unzoomed.allSatisfy { !$0.hidden && !$0.dimmed })
        #expect(unzoomed["leaf"].map { $0.x == 246 && $0.width == 708 } == true)
        #expect(unzoomed["run"].map { $0.x == 954 && $0.width == 236 } == true)

        #expect(result.searchA.matched == "Matched: 80.00%")
        let highlighted = Set(result.searchA.frames.filter { $0.fill == "rgb(230,0,230)" }.map(\.label))
        #expect(highlighted == ["leaf", "sleeper"])
        // `<module>`, `middle`, `leaf` nest inside each other; they must be counted once: 100%, not more.
        #expect(result.searchB == "Matched: 100.00%")
        #expect(result.reset.frames.allSatisfy { $0.fill != "rgb(230,0,230)" })
        #expect(result.reset.button == "Search" && result.reset.hidden)
        #expect(result.prompted == "Matched: 80.00%")
    }
}
