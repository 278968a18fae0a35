import Foundation
import ProfileModel

/// Small stacks shaped like py-spy's observed `work.py` run (reference §3.1), innermost frame first.
enum Fixtures {
    static func frame(_ name: String, _ file: String, _ line: Int, short: String? = nil) -> Frame {
        Frame(name: name, filename: file, shortFilename: short, line: line)
    }

    static let leaf = frame("leaf", "/home/u/work.py", 6, short: "work.py")
    static let middle = frame("middle", "/home/u/work.py", 11, short: "work.py")
    static let module = frame("<module>", "/home/u/work.py", 19, short: "work.py")
    static let sleeper = frame("sleeper", "/home/u/work.py", 14, short: "work.py")
    static let run = frame("run", "/usr/lib/python3.11/threading.py", 982, short: "threading.py")

    static func mainThread(_ frames: [Frame] = [leaf, middle, module], active: Bool = true, gil: Bool = true)
        -> ThreadStack
    {
        ThreadStack(
            pid: 11872, threadID: 140_121_640_216_384, threadName: "MainThread", osThreadID: 11872,
            active: active, ownsGIL: gil, frames: frames)
    }

    static func sleeperThread(active: Bool = false) -> ThreadStack {
        ThreadStack(
            pid: 11872, threadID: 140_121_620_000_000, threadName: "SleeperThread", osThreadID: 11874,
            active: active, ownsGIL: false, frames: [sleeper, run])
    }

    /// Parses JSON text with Foundation, the independent check that our hand-written JSON is valid.
    static func parseJSON(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    /// Node.js, used to check the flamegraph's embedded script when it is installed.
    static let nodePath = "/usr/bin/node"
    static let hasNode = FileManager.default.isExecutableFile(atPath: nodePath)

    /// A fresh empty directory under the system temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("profileoutput-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
