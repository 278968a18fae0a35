import LiveTestSupport
import Foundation
import Testing

/// What `dump` must get right beyond frames: which thread holds the GIL and runs, and finding the interpreter in
/// unusual builds (a libpython deleted after start, a target in another mount namespace).
@Suite("dump: GIL, activity and unusual builds", .enabled(if: LiveEnvironment.enabled, "SWIFTSPY_SKIP_LIVE=1"))
struct BuildKindTests {
    @Test("The spinning thread is active+gil and the sleeper idle", arguments: Interpreters.installed)
    func gilAndActivity(interpreter: Interpreter) async throws {
        let script = try LiveEnvironment.targetsDirectory().appendingPathComponent("spinner.py").path
        try await offloaded {
            let target = try ReadyTarget(interpreter.executable, ["-B", "-E", "-s", script])
            defer { target.stop() }
            // The spinner may be between two bytecodes that drop the GIL, or preempted on a busy machine: try a
            // bounded number of dumps for the one consistent picture, and fail if it never comes.
            var last = ""
            for _ in 0..<30 {
                let result = try CommandRunner.swiftspy(["dump", "--pid", String(target.pid), "--json"])
                guard result.status == 0 else { throw LiveTestError(result.summary) }
                let threads = try DumpedThread.parseDocument(result.stdout)
                let spinner = threads.first { $0.threadName == "spinner" }
                let main = threads.first { $0.threadName == "MainThread" }
                last = result.stdout
                // A free-threaded build has no GIL: the spinner is active and nobody ever owns one.
                let ownsAsExpected =
                    interpreter.isFreeThreaded ? !(spinner?.ownsGIL ?? true) : (spinner?.ownsGIL ?? false)
                if let spinner, let main, spinner.active, ownsAsExpected, !main.active, !main.ownsGIL,
                    spinner.frames.first?.name == "spin", main.frames.first?.name == "sleep_forever"
                {
                    return
                }
            }
            throw LiveTestError(
                "\(interpreter.label): never saw spinner active\(interpreter.isFreeThreaded ? " (no GIL)" : "+gil") with MainThread idle; last: \(last)"
            )
        }
    }

    /// A thread that had no name at its first lookup gets it once `threading` knows it: the lookup is tried
    /// again (with a backoff) rather than remembered as "no name" for good.
    @Test("A thread named after it was first sampled shows its name", arguments: Interpreters.installed)
    func lateThreadName(interpreter: Interpreter) async throws {
        let script = try LiveEnvironment.targetsDirectory().appendingPathComponent("late_name.py").path
        let roots = try await offloaded { () throws -> [String] in
            let target = try ReadyTarget(interpreter.executable, ["-B", "-E", "-s", script])
            defer { target.stop() }
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("swiftspy-late-\(UUID()).txt")
            defer { try? FileManager.default.removeItem(at: output) }
            let result = try CommandRunner.swiftspy([
                "record", "--threads", "-d", "2", "-r", "100", "-f", "raw",
                "--pid", String(target.pid), "-o", output.path
            ])
            guard result.status == 0 else { throw LiveTestError(result.summary) }
            let text = try String(contentsOf: output, encoding: .utf8)
            return text.split(separator: "\n").compactMap { $0.split(separator: ";").first.map(String.init) }
        }
        #expect(
            roots.contains { $0.hasPrefix("thread (") && $0.hasSuffix("): late-name") },
            "\(interpreter.label): the late-named thread never shown by name; roots: \(Set(roots).sorted())")
    }

    /// A thread holding the GIL is running the interpreter, or keeping every other thread from it: it is active
    /// even while the kernel has it asleep (a C call that did not release the GIL), in both modes. The pausing
    /// mode once went by the OS state alone and called it idle.
    /// (Free-threaded builds have no GIL to hold while asleep.)
    @Test(
        "A thread asleep while holding the GIL is active, pausing or not",
        arguments: Interpreters.installed.filter { !$0.isFreeThreaded })
    func gilHolderIsActive(interpreter: Interpreter) async throws {
        let script = try LiveEnvironment.targetsDirectory().appendingPathComponent("gil_sleeper.py").path
        try await offloaded {
            let target = try ReadyTarget(interpreter.executable, ["-B", "-E", "-s", script])
            defer { target.stop() }
            for mode in [[], ["--nonblocking"]] {
                // Between two usleep calls the holder may drop the GIL for an instant: look for dumps where it
                // holds it, and require every such dump to call it active.
                var holding = 0
                for _ in 0..<10 {
                    let result = try CommandRunner.swiftspy(["dump", "--pid", String(target.pid), "--json"] + mode)
                    guard result.status == 0 else { throw LiveTestError(result.summary) }
                    let threads = try DumpedThread.parseDocument(result.stdout)
                    guard let holder = threads.first(where: { $0.threadName == "gil-sleeper" }), holder.ownsGIL
                    else { continue }
                    holding += 1
                    #expect(
                        holder.active,
                        "\(interpreter.label) \(mode): the GIL holder shown idle, in \(holder.frames.first?.name ?? "no frame")"
                    )
                }
                #expect(holding > 0, "\(interpreter.label) \(mode): the sleeper never held the GIL in 10 dumps")
            }
        }
    }

    @Test("A libpython deleted after the process started")
    func deletedLibPython() async throws {
        let version = Interpreters.pyenvRoot.appendingPathComponent("versions/3.12.1")
        let library = version.appendingPathComponent("lib/libpython3.12.so.1.0").path
        let executable = version.appendingPathComponent("bin/python3.12").path
        try #require(FileManager.default.fileExists(atPath: library), "pyenv 3.12.1 is needed for this test")
        let script = try LiveEnvironment.targetsDirectory().appendingPathComponent("spinner.py").path
        try await offloaded {
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("swiftspy-deleted-\(UUID())")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: scratch) }
            try FileManager.default.copyItem(
                atPath: library, toPath: scratch.appendingPathComponent("libpython3.12.so.1.0").path)
            try FileManager.default.copyItem(atPath: executable, toPath: scratch.appendingPathComponent("py").path)
            var environment = ProcessInfo.processInfo.environment
            environment["LD_LIBRARY_PATH"] = scratch.path
            environment["PYTHONHOME"] = version.path
            let target = try ReadyTarget(
                scratch.appendingPathComponent("py").path, ["-B", "-s", script],
                environment: environment)
            defer { target.stop() }
            try FileManager.default.removeItem(at: scratch)
            let maps = try String(contentsOfFile: "/proc/\(target.pid)/maps", encoding: .utf8)
            #expect(maps.contains("libpython3.12.so.1.0 (deleted)"))
            let result = try CommandRunner.swiftspy(["dump", "--pid", String(target.pid)])
            #expect(result.status == 0, "\(result.summary)")
            #expect(result.stdout.contains("Python v3.12.1"))
            #expect(result.stdout.contains("    sleep_forever (spinner.py:16)"))
        }
    }

    @Test("A target in another mount namespace, whose files only it can see")
    func otherMountNamespace() async throws {
        let python = Interpreters.pyenvRoot.appendingPathComponent("versions/3.11.7/bin/python").path
        try #require(FileManager.default.fileExists(atPath: python), "pyenv 3.11.7 is needed for this test")
        let spinner = try String(
            contentsOf: LiveEnvironment.targetsDirectory().appendingPathComponent("spinner.py"),
            encoding: .utf8)
        let mountPoint = "/tmp/swiftspy-ns-\(UUID().uuidString)"
        try await offloaded {
            try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: mountPoint) }
            // Inside a private mount namespace, a tmpfs over the directory holds a package the host never sees.
            let setup = """
                mount -t tmpfs none \(mountPoint) && mkdir -p \(mountPoint)/nspkg && \
                touch \(mountPoint)/nspkg/__init__.py && cat > \(mountPoint)/nspkg/spinner.py && \
                exec \(python) -B -s -c 'import sys; sys.path.insert(0, "\(mountPoint)"); import nspkg.spinner'
                """
            let target = try ReadyTarget(
                "/usr/bin/unshare", ["--mount", "--propagation", "private", "sh", "-c", setup],
                input: spinner)
            defer { target.stop() }
            #expect(!FileManager.default.fileExists(atPath: mountPoint + "/nspkg/spinner.py"))
            let result = try CommandRunner.swiftspy(["dump", "--pid", String(target.pid)])
            #expect(result.status == 0, "\(result.summary)")
            // The short name needs the package's __init__.py, visible only through /proc/PID/root.
            #expect(result.stdout.contains("    sleep_forever (nspkg/spinner.py:16)"), "\(result.stdout)")
        }
    }
}
