import Foundation
import ProfileModel
import Testing

@testable import ProfileOutput

@Suite("dump --json")
struct DumpJSONTests {
    @Test("exact pretty layout and field order")
    func layout() {
        let frame = Frame(name: "f", filename: "/a/b.py", shortFilename: "b.py", line: 3)
        let stack = ThreadStack(
            pid: 7, threadID: 140_000_000_000_001, threadName: nil, osThreadID: nil, active: false, ownsGIL: false,
            frames: [frame, Frame(name: "g", filename: "c.py", module: "libx.so", line: 0, isEntry: false)],
            frameLocals: [[LocalVariable(name: "x", address: 4096, isArgument: true, repr: nil)]],
            processInfo: ProcessLineage(
                pid: 7, commandLine: "python b.py", parent: ProcessLineage(pid: 1, commandLine: "sh")))
        #expect(
            DumpJSONFormatter.format([stack]) == """
                [
                  {
                    "pid": 7,
                    "thread_id": 140000000000001,
                    "thread_name": null,
                    "os_thread_id": null,
                    "active": false,
                    "owns_gil": false,
                    "frames": [
                      {
                        "name": "f",
                        "filename": "/a/b.py",
                        "module": null,
                        "short_filename": "b.py",
                        "line": 3,
                        "locals": [
                          {
                            "name": "x",
                            "addr": 4096,
                            "arg": true,
                            "repr": null
                          }
                        ],
                        "is_entry": true,
                        "is_shim_entry": false
                      },
                      {
                        "name": "g",
                        "filename": "c.py",
                        "module": "libx.so",
                        "short_filename": null,
                        "line": 0,
                        "locals": null,
                        "is_entry": false,
                        "is_shim_entry": false
                      }
                    ],
                    "process_info": {
                      "pid": 7,
                      "command_line": "python b.py",
                      "parent": {
                        "pid": 1,
                        "command_line": "sh",
                        "parent": null
                      }
                    }
                  }
                ]

                """)
    }

    @Test("no threads prints an empty array")
    func empty() {
        #expect(DumpJSONFormatter.format([]) == "[]\n")
    }

    @Test("escaping and non-ASCII round-trip through JSONSerialization")
    func escaping() throws {
        let nasty = "q\"b\\s/t\tn\nr\rc\u{01}\u{1F}del\u{7F} кириллица 💩"
        let frame = Frame(name: nasty, filename: "unicode💩.py", line: 1)
        var stack = Fixtures.mainThread([frame])
        stack.frameLocals = [[LocalVariable(name: "z", address: 1, isArgument: false, repr: "\"测试1\"")]]
        let text = DumpJSONFormatter.format([stack])
        #expect(text.contains(#""name": "q\"b\\s/t\tn\nr\rc\u0001\u001fdel\#u{7F} кириллица 💩""#))
        let parsed = try #require(try Fixtures.parseJSON(text) as? [[String: Any]])
        let frames = try #require(parsed.first?["frames"] as? [[String: Any]])
        #expect(frames.first?["name"] as? String == nasty)
        #expect(frames.first?["filename"] as? String == "unicode💩.py")
        let locals = try #require(frames.first?["locals"] as? [[String: Any]])
        #expect(locals.first?["repr"] as? String == "\"测试1\"")
        #expect(parsed.first?["thread_id"] as? UInt64 == 140_121_640_216_384)
        #expect(parsed.first?["os_thread_id"] as? Int == 11872)
    }
}
