import Foundation
import ProfileModel
import Testing

@testable import ProfileOutput

@Suite("chrometrace")
struct ChromeTraceTests {
    static func events(_ writer: ChromeTraceWriter) throws -> [[String: Any]] {
        try #require(try Fixtures.parseJSON(writer.render()) as? [[String: Any]])
    }

    @Test("B/E diffing between consecutive samples, closing at the end")
    func diffing() throws {
        var writer = ChromeTraceWriter()
        writer.add([Fixtures.mainThread()], at: .microseconds(1000))
        writer.add([Fixtures.mainThread()], at: .microseconds(2000))
        writer.add([Fixtures.mainThread([Fixtures.middle, Fixtures.module])], at: .microseconds(3000))
        writer.add([Fixtures.mainThread([Fixtures.sleeper, Fixtures.module])], at: .microseconds(4000))
        let slices = try Self.events(writer).filter { $0["ph"] as? String != "M" }
        let summary = slices.map { "\($0["ph"] ?? "")\($0["name"] ?? "")@\($0["ts"] ?? "")" }
        #expect(
            summary == [
                "B<module>@1000", "Bmiddle@1000", "Bleaf@1000",
                "Eleaf@3000",
                "Emiddle@4000", "Bsleeper@4000",
                "Esleeper@4000", "E<module>@4000"
            ])
        let first = slices[0]
        #expect(first["cat"] as? String == "py-spy")
        #expect(first["pid"] as? Int == 11872)
        #expect(first["tid"] as? UInt64 == 140_121_640_216_384)
        #expect((first["args"] as? [String: Any])?["filename"] as? String == "/home/u/work.py")
        #expect((first["args"] as? [String: Any])?["line"] as? Int == 19)
    }

    @Test("key order of an event matches py-spy")
    func keyOrder() {
        var writer = ChromeTraceWriter(lineNumbers: .none)
        writer.add([Fixtures.mainThread([Fixtures.module])], at: .microseconds(7))
        let text = writer.render()
        #expect(
            text.contains(
                #"{"args":{"filename":"/home/u/work.py","line":null},"cat":"py-spy","name":"<module>","ph":"B","#
                    + #""pid":11872,"tid":140121640216384,"ts":7}"#))
    }

    @Test("every B has its E per thread, nested properly, timestamps never decrease")
    func balance() throws {
        var writer = ChromeTraceWriter()
        let shapes: [[Frame]] = [
            [Fixtures.leaf, Fixtures.middle, Fixtures.module], [Fixtures.middle, Fixtures.module],
            [Fixtures.run], [], [Fixtures.sleeper, Fixtures.run], [Fixtures.leaf, Fixtures.module]
        ]
        for tick in 0..<500 {
            var stacks = [Fixtures.mainThread(shapes[tick % shapes.count])]
            if tick % 7 != 0 {
                var other = Fixtures.sleeperThread(active: true)
                other.frames = shapes[(tick / 3) % shapes.count]
                stacks.append(other)
            }
            writer.add(stacks, at: .milliseconds(10 * tick))
        }
        let events = try Self.events(writer)
        var open: [String: [String]] = [:]
        var lastTimestamp: [String: Int] = [:]
        var begins = 0
        for event in events where event["ph"] as? String != "M" {
            let track = "\(event["pid"] ?? "")/\(event["tid"] ?? "")"
            let name = try #require(event["name"] as? String)
            let timestamp = try #require(event["ts"] as? Int)
            #expect(timestamp >= lastTimestamp[track, default: 0])
            lastTimestamp[track] = timestamp
            switch event["ph"] as? String {
            case "B":
                open[track, default: []].append(name)
                begins += 1
            case "E":
                #expect(open[track]?.popLast() == name)
            default:
                Issue.record("unexpected phase \(event["ph"] ?? "nil")")
            }
        }
        #expect(begins > 100)
        let unclosed = open.values.reduce(0) { $0 + $1.count }
        #expect(unclosed == 0)
    }

    @Test("thread and process name metadata")
    func metadata() throws {
        var child = Fixtures.mainThread()
        child.processInfo = ProcessLineage(pid: 11872, commandLine: "python child.py")
        var writer = ChromeTraceWriter()
        writer.add([child, Fixtures.sleeperThread()], at: .zero)
        let metadata = try Self.events(writer).filter { $0["ph"] as? String == "M" }
        let names = metadata.map { "\($0["name"] ?? ""):\((($0["args"] as? [String: Any])?["name"]) ?? "")" }
        #expect(
            names == [
                "process_name:python child.py", "thread_name:Thread 11872 \"MainThread\"",
                "thread_name:Thread 11874 \"SleeperThread\""
            ])
        #expect(metadata[1]["tid"] as? UInt64 == 140_121_640_216_384)
    }

    @Test("the same pthread id in two processes stays two tracks")
    func tracksPerProcess() throws {
        var other = Fixtures.mainThread([Fixtures.sleeper])
        other.pid = 99
        var writer = ChromeTraceWriter()
        writer.add([Fixtures.mainThread([Fixtures.leaf]), other], at: .microseconds(5))
        writer.add([Fixtures.mainThread([Fixtures.leaf]), other], at: .microseconds(6))
        #expect(writer.eventCount == 2)
    }

    @Test("durations convert to whole microseconds")
    func microseconds() {
        #expect(ChromeTraceWriter.microseconds(.seconds(2) + .nanoseconds(1500)) == 2_000_001)
        #expect(ChromeTraceWriter.microseconds(.zero - .seconds(1)) == 0)
    }

    @Test("empty recording is an empty array")
    func empty() {
        #expect(ChromeTraceWriter().render() == "[]\n")
    }
}
