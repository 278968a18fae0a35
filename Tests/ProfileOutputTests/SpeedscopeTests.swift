import Foundation
import ProfileModel
import Testing

@testable import ProfileOutput

@Suite("speedscope")
struct SpeedscopeTests {
    static func parse(_ writer: SpeedscopeWriter) throws -> [String: Any] {
        try #require(try Fixtures.parseJSON(writer.render()) as? [String: Any])
    }

    @Test("schema, key order, one line")
    func layout() throws {
        var writer = SpeedscopeWriter(options: RecordOutputOptions(sampleRate: 20, exporter: "swiftspy@0.1.0"))
        writer.add([Fixtures.mainThread([Fixtures.leaf])], at: .zero)
        let text = writer.render()
        #expect(
            text == #"{"$schema":"https://www.speedscope.app/file-format-schema.json","profiles":[{"type":"sampled","#
                + #""name":"Thread 11872 \"MainThread\"","unit":"seconds","startValue":0.0,"endValue":0.05,"#
                + #""samples":[[0]],"weights":[0.05]}],"shared":{"frames":[{"name":"leaf","file":"/home/u/work.py","#
                + #""line":6,"col":null}]},"activeProfileIndex":null,"exporter":"swiftspy@0.1.0","#
                + #""name":"swiftspy profile"}"# + "\n")
    }

    @Test("one profile per thread, sorted by name; samples root first; weights 1/rate")
    func profiles() throws {
        var writer = SpeedscopeWriter(options: RecordOutputOptions(sampleRate: 20))
        for tick in 0..<19 {
            writer.add([Fixtures.mainThread(), Fixtures.sleeperThread()], at: .milliseconds(50 * tick))
        }
        let file = try Self.parse(writer)
        #expect(file["$schema"] as? String == "https://www.speedscope.app/file-format-schema.json")
        let profiles = try #require(file["profiles"] as? [[String: Any]])
        #expect(
            profiles.map { $0["name"] as? String } == ["Thread 11872 \"MainThread\"", "Thread 11874 \"SleeperThread\""])
        let frames = try #require((file["shared"] as? [String: Any])?["frames"] as? [[String: Any]])
        let main = profiles[0]
        #expect(main["type"] as? String == "sampled")
        #expect(main["unit"] as? String == "seconds")
        #expect(main["startValue"] as? Double == 0)
        #expect(main["endValue"] as? Double == 0.95)
        let weights = try #require(main["weights"] as? [Double])
        #expect(weights.count == 19 && weights.allSatisfy { $0 == 0.05 })
        let samples = try #require(main["samples"] as? [[Int]])
        #expect(samples.count == 19)
        #expect(samples[0].map { frames[$0]["name"] as? String } == ["<module>", "middle", "leaf"])
        // Frames carry the full file name, never the short one.
        #expect(frames.allSatisfy { ($0["file"] as? String)?.hasPrefix("/") == true })
        #expect(writer.distinctStackCount == 2)
    }

    /// A thread can be sampled before `threading` has registered its name; its profile takes the name it is
    /// seen with later (the chrometrace track does the same), and a name once taken stays.
    @Test("a thread first seen without a name is named from its first named sample")
    func lateThreadName() throws {
        var writer = SpeedscopeWriter()
        var stack = Fixtures.sleeperThread()
        let name = try #require(stack.threadName)
        stack.threadName = nil
        writer.add([stack], at: .zero)
        stack.threadName = name
        writer.add([stack], at: .milliseconds(10))
        stack.threadName = "renamed"
        writer.add([stack], at: .milliseconds(20))
        let profiles = try #require(try Self.parse(writer)["profiles"] as? [[String: Any]])
        #expect(profiles.map { $0["name"] as? String } == ["Thread 11874 \"\(name)\""])
        #expect((profiles.first?["samples"] as? [[Int]])?.count == 3)
    }

    @Test("--nolineno writes null lines and merges lines of a function")
    func noLineNumbers() throws {
        var writer = SpeedscopeWriter(options: RecordOutputOptions(lineNumbers: .none))
        writer.add([Fixtures.mainThread([Fixtures.leaf])], at: .zero)
        writer.add([Fixtures.mainThread([Fixtures.frame("leaf", "/home/u/work.py", 9)])], at: .zero)
        let file = try Self.parse(writer)
        let frames = try #require((file["shared"] as? [String: Any])?["frames"] as? [[String: Any]])
        #expect(frames.count == 1)
        #expect(frames[0]["line"] is NSNull)
    }

    @Test("subprocess naming, unnamed threads, synthetic frames")
    func subprocessNames() throws {
        var stack = ThreadStack(pid: 42, threadID: 0xABC, active: true, ownsGIL: false, frames: [Fixtures.leaf])
        stack.processInfo = ProcessLineage(pid: 42, commandLine: "python child.py")
        var writer = SpeedscopeWriter()
        writer.add(StackSelection(addThreadFrames: true).prepare([stack]), at: .zero)
        let file = try Self.parse(writer)
        let profiles = try #require(file["profiles"] as? [[String: Any]])
        #expect(profiles.first?["name"] as? String == "Process 42 Thread 0xABC \"\"")
        let frames = try #require((file["shared"] as? [String: Any])?["frames"] as? [[String: Any]])
        let process = try #require(frames.first { ($0["name"] as? String)?.hasPrefix("process 42:") == true })
        #expect(process["file"] as? String == "" && process["line"] as? Int == 0)
    }

    @Test("empty recording is still a valid file")
    func empty() throws {
        let file = try Self.parse(SpeedscopeWriter())
        #expect((file["profiles"] as? [Any])?.isEmpty == true)
    }
}
