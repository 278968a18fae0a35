import LiveTestSupport
import Foundation
import Testing

/// `--subprocesses`: Python children started after profiling began (one by multiprocessing, one by a shell
/// that execs Python) are found and shown under their own process roots; non-Python ones are skipped.
@Suite("--subprocesses", .enabled(if: LiveEnvironment.enabled, "SWIFTSPY_SKIP_LIVE=1"))
struct SubprocessTests {
    /// The spawner and its output, read line by line.
    final class Spawner {
        let process = Process()
        let input = Pipe()
        let output = Pipe()
        var pid: Int32 { process.processIdentifier }
        private lazy var lines = BufferedLines(output.fileHandleForReading.fileDescriptor)

        init(_ interpreter: Interpreter) throws {
            let script = try LiveEnvironment.targetsDirectory().appendingPathComponent("spawner.py").path
            process.executableURL = URL(fileURLWithPath: interpreter.executable)
            process.arguments = ["-B", "-E", "-s", script]
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        func line() throws -> String { try lines.next() }

        /// Tells it to spawn; returns the children's pids (multiprocessing, shell) once both are parked.
        func spawnChildren() throws -> (mp: Int32, shell: Int32) {
            input.fileHandleForWriting.write(Data("go\n".utf8))
            var spawned: (Int32, Int32)?
            var ready = Set<String>()
            while spawned == nil || ready.count < 2 {
                let words = try line().split(separator: " ").map(String.init)
                if words.first == "SPAWNED", words.count == 3, let mp = Int32(words[1]), let shell = Int32(words[2]) {
                    spawned = (mp, shell)
                } else if words.first == "CHILD-READY", words.count == 3 {
                    ready.insert(words[1])
                }
            }
            guard let spawned else { throw LiveTestError("no SPAWNED line") }
            return spawned
        }

        func stop() {
            // Children first: multiprocessing and shell children are ours to clean up too.
            for child in ProcessTreeScan.descendants(of: pid) { kill(child, SIGKILL) }
            kill(pid, SIGKILL)
            process.waitUntilExit()
        }
    }

    @Test(
        "record -s: children started after profiling began appear under their process roots",
        arguments: Interpreters.installed)
    func record(interpreter: Interpreter) async throws {
        try await offloaded {
            let spawner = try Spawner(interpreter)
            defer { spawner.stop() }
            _ = try spawner.line()  // READY
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("swiftspy-sub-\(UUID()).txt")
            defer { try? FileManager.default.removeItem(at: output) }
            let recorder = Process()
            recorder.executableURL = try LiveEnvironment.swiftspyBinary()
            recorder.arguments = [
                "record", "-s", "--idle", "-p", String(spawner.pid), "-d", "4", "-r", "50",
                "-f", "raw", "-o", output.path
            ]
            let recorderOutput = Pipe()
            recorder.standardOutput = recorderOutput
            recorder.standardError = FileHandle.nullDevice
            try recorder.run()
            defer { if recorder.isRunning { kill(recorder.processIdentifier, SIGKILL) } }
            _ = try LineReader.firstLine(
                from: recorderOutput.fileHandleForReading.fileDescriptor, timeout: .seconds(30))
            let children = try spawner.spawnChildren()
            recorder.waitUntilExit()
            #expect(recorder.terminationStatus == 0)
            let lines = try String(contentsOf: output, encoding: .utf8).split(separator: "\n").map(String.init)
            let root = "process \(spawner.pid):\""
            #expect(
                lines.contains { $0.hasPrefix(root) && $0.contains("parent_waits (spawner.py:") },
                "\(interpreter.label): parent missing in \(lines)")
            #expect(
                lines.contains {
                    $0.hasPrefix(root) && $0.contains(";process \(children.mp):\"")
                        && $0.contains("mp_child_func (spawner.py:")
                }, "\(interpreter.label): multiprocessing child missing in \(lines)")
            #expect(
                lines.contains {
                    $0.hasPrefix(root) && $0.contains(";process \(children.shell):\"")
                        && $0.contains("shell_child_func (subprocess_child.py:")
                }, "\(interpreter.label): shell child missing in \(lines)")
            // Nothing from the non-Python shell (it exec'd Python in place) or any other process.
            #expect(lines.allSatisfy { $0.hasPrefix(root) })
            print("LiveInterpreterTests: record --subprocesses checked on \(interpreter.label)")
        }
    }

    @Test("dump -s: every Python process, in text and JSON", arguments: Interpreters.installed)
    func dump(interpreter: Interpreter) async throws {
        try await offloaded {
            let spawner = try Spawner(interpreter)
            defer { spawner.stop() }
            _ = try spawner.line()
            let children = try spawner.spawnChildren()
            let text = try CommandRunner.swiftspy(["dump", "-s", "--pid", String(spawner.pid)])
            #expect(text.status == 0, "\(text.summary)")
            for child in [children.mp, children.shell] {
                #expect(text.stdout.contains("Process \(child): "), "\(interpreter.label): \(text.stdout)")
            }
            #expect(text.stdout.components(separatedBy: "Parent Process \(spawner.pid): ").count == 3)
            #expect(text.stdout.contains("    mp_child_func (spawner.py:"))
            #expect(text.stdout.contains("    shell_child_func (subprocess_child.py:"))

            let json = try CommandRunner.swiftspy(["dump", "-s", "--json", "--pid", String(spawner.pid)])
            #expect(json.status == 0, "\(json.summary)")
            let threads = try DumpedThread.parseDocument(json.stdout)
            let pids = Set(threads.map(\.pid))
            #expect(pids == Set([spawner.pid, children.mp, children.shell].map(UInt64.init)))
        }
    }
}

/// Descendants of a pid through /proc, for cleaning up after the spawner.
enum ProcessTreeScan {
    static func descendants(of root: Int32) -> [Int32] {
        var result: [Int32] = []
        var queue = [root]
        while let parent = queue.popLast() {
            let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(parent)/task")) ?? []
            for task in tasks {
                let text = (try? String(contentsOfFile: "/proc/\(parent)/task/\(task)/children", encoding: .utf8)) ?? ""
                let children = text.split(separator: " ").compactMap { Int32($0) }
                result += children
                queue += children
            }
        }
        return result
    }
}
