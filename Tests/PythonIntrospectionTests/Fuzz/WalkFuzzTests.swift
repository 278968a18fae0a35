import CPythonLayouts
import Foundation
import LiveTestSupport
import ProcessAccess
import ProfileModel
import Testing
@testable import PythonIntrospection

/// Robustness as a property: every pointer read from a target may be garbage. Damaged copies of real memory
/// images — of every layout from fake interpreters, and of every installed interpreter from a live process — go
/// through the whole walk (see `WalkFuzzer`). A bounded run here; `scripts/fuzz.sh` runs a million or more.
///
/// `SWIFTSPY_FUZZ_IMAGES` sets the images per base image (default 1,500), `SWIFTSPY_FUZZ_SEED` the first seed
/// (default: a fixed one per base image, so this run is the same every time).
@Suite("Fuzzing the walk with damaged memory images", .serialized)
struct WalkFuzzTests {
    static var imagesPerBase: Int {
        ProcessInfo.processInfo.environment["SWIFTSPY_FUZZ_IMAGES"].flatMap(Int.init) ?? 1_500
    }

    static func seed(for label: String) -> UInt64 {
        if let text = ProcessInfo.processInfo.environment["SWIFTSPY_FUZZ_SEED"], let seed = UInt64(text) {
            return seed
        }
        // FNV-1a of the label: stable across runs, unlike Hasher.
        return label.utf8.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    static let fakeVersions: [PythonVersion] =
        [.init(major: 2, minor: 7, micro: 18)]
        + (6...15).map { PythonVersion(major: 3, minor: $0, micro: 0) }

    @Test("Fake interpreters of every layout", arguments: fakeVersions)
    func fakeImages(version: PythonVersion) throws {
        let (setup, image) = try Self.fakeImage(version)
        try Self.fuzz(setup, image)
    }

    @Test(
        "Live interpreters", .enabled(if: LiveEnvironment.enabled, "SWIFTSPY_SKIP_LIVE=1"),
        arguments: Interpreters.installed)
    func liveImages(interpreter: Interpreter) async throws {
        let (setup, image) = try await offloaded { try Self.liveImage(interpreter) }
        try Self.fuzz(setup, image)
    }

    /// Runs the fuzzer under a watchdog: a walk that never returns fails the test, naming the image.
    static func fuzz(_ setup: WalkSetup, _ image: MemoryImage) throws {
        let count = imagesPerBase
        let progress = FuzzProgress()
        let box = OutcomeBox()
        let done = DispatchSemaphore(value: 0)
        let before = residentBytes()
        let seed = seed(for: setup.label)
        Thread.detachNewThread {
            box.outcome = WalkFuzzer(setup: setup, base: image).run(images: count, seed: seed, progress: progress)
            done.signal()
        }
        let limit = 120 + count / 50  // seconds: far beyond a healthy run (~0.1-1 ms per image)
        guard done.wait(timeout: .now() + .seconds(limit)) == .success, let outcome = box.outcome else {
            Issue.record("a walk hangs (no end within \(limit) s), at \(progress.current)")
            return
        }
        let grown = residentBytes() - before
        print(
            "Fuzz: \(setup.label): \(image.pageNumbers.count) pages, \(outcome); resident memory grew \(grown >> 20) MiB"
        )
        #expect(outcome.problems.isEmpty, "\(outcome.problems.joined(separator: "\n"))")
        #expect(grown < 512 << 20, "\(setup.label): resident memory grew by \(grown >> 20) MiB over \(count) images")
        #expect(outcome.images == count && outcome.walked + outcome.failedCleanly == count)
    }

    /// A fake interpreter of `version` with two threads: one with a shim and a non-code executable where the
    /// version has them, one short; copied page by page after a clean walk.
    static func fakeImage(_ version: PythonVersion) throws -> (WalkSetup, MemoryImage) {
        guard let layout = PythonLayout.forVersion(major: version.major, minor: version.minor),
            let chain = FrameChain.forVersion(version)
        else { throw FuzzSetupError("no layout for \(version)") }
        var fake = FakeInterpreter(layout: layout, version: version)
        let leaf = fake.makeCode(name: "leaf", filename: "/app/work.py", firstLine: 10)
        let middle = fake.makeCode(name: "middlé", filename: "/app/wörk.py", firstLine: 20)
        let module = fake.makeCode(name: "<module>", filename: "/app/work.py", firstLine: 1)
        var frames: [FakeInterpreter.FrameSpec] = [.python(code: leaf, unit: 2)]
        if let owner = chain.cStackOwner { frames.append(.shim(owner: owner)) }
        frames.append(.python(code: middle, unit: 1))
        if chain.executableMayBeNonCode { frames.append(.notCode) }
        frames.append(.python(code: module, unit: 3))
        fake.addThread(threadID: 0x7F00_0000_1000, nativeID: 101, frames: frames)
        let sleeper = fake.makeCode(name: "线程", filename: "/app/work.py", firstLine: 30)
        fake.addThread(threadID: 0x7F00_0000_2000, nativeID: 102, frames: [.python(code: sleeper, unit: 0)])
        let setup = WalkSetup(
            label: "fake \(version)", layout: layout, version: version, chain: chain,
            codeType: fake.codeType, interpreter: fake.interpreter)
        return (setup, try snapshot(setup, of: fake.memory) { MemoryImage.copy(pages: $0, from: fake.memory) })
    }

    /// A live interpreter with a few threads in nested calls, asleep; its memory copied after a clean walk.
    static func liveImage(_ interpreter: Interpreter) throws -> (WalkSetup, MemoryImage) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: interpreter.executable)
        process.arguments = [
            "-c",
            """
            import sys, threading, time
            def deeper(n):
                if n == 0:
                    time.sleep(3600)
                deeper(n - 1)
            for depth in (3, 10, 30):
                worker = threading.Thread(target=deeper, args=(depth,))
                worker.daemon = True
                worker.start()
            time.sleep(0.2)
            sys.stdout.write("READY\\n"); sys.stdout.flush()
            deeper(5)
            """
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        guard String(decoding: output.fileHandleForReading.availableData, as: UTF8.self).contains("READY") else {
            throw FuzzSetupError("\(interpreter.label): the target did not start")
        }
        let attached = try PythonProcess(pid: process.processIdentifier)
        let setup = WalkSetup(
            label: interpreter.label, layout: attached.layout, version: attached.version,
            chain: attached.walker.chain, codeType: attached.walker.codeType,
            interpreter: attached.interpreter)
        let memory = LiveMemory(pid: process.processIdentifier)
        return (setup, try snapshot(setup, of: memory) { MemoryImage.copy(pages: $0, from: memory) })
    }

    /// The pages a clean walk of `memory` reads, copied, after checking that walk found frames.
    static func snapshot<Memory: MemorySource>(
        _ setup: WalkSetup, of memory: Memory,
        copy: (Set<UInt64>) -> MemoryImage
    ) throws -> MemoryImage {
        let recording = PageRecordingMemory(base: memory)
        let objects = ObjectReader(memory: recording, layout: setup.layout, isPython2: setup.version.major == 2)
        let walker = StackWalker(
            objects: objects, chain: setup.chain,
            codes: CodeObjectCache(objects: objects, format: setup.chain.lineTableFormat),
            codeType: setup.codeType)
        let threads = try walker.walkAll(interpreter: setup.interpreter)
        guard threads.contains(where: { !$0.frames.isEmpty }) else {
            throw FuzzSetupError("\(setup.label): the clean walk found no frames")
        }
        let image = copy(recording.touched)
        // The copy must walk exactly like the original, or the fuzzing would start from something unreal.
        let copyObjects = ObjectReader(memory: image, layout: setup.layout, isPython2: setup.version.major == 2)
        let copied = try StackWalker(
            objects: copyObjects, chain: setup.chain,
            codes: CodeObjectCache(objects: copyObjects, format: setup.chain.lineTableFormat),
            codeType: setup.codeType
        ).walkAll(interpreter: setup.interpreter)
        guard copied.map(\.frames) == threads.map(\.frames) else {
            throw FuzzSetupError("\(setup.label): the copied image walks differently from the original")
        }
        return image
    }
}

struct FuzzSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

private final class OutcomeBox: @unchecked Sendable {
    var outcome: WalkFuzzer.Outcome?
}

/// The fuzzer's own parts can fail: its checks catch what they are for, and every kind of damage changes an image.
@Suite struct WalkFuzzerSelfTests {
    @Test func checksCatchOversizedResults() {
        let frame = Frame(name: String(repeating: "x", count: 20_000), filename: "/f.py", line: 1)
        let thread = WalkedThread(threadState: RemoteAddress(0x1000), threadID: 1, nativeThreadID: nil, frames: [frame])
        #expect(WalkFuzzer.problem(in: [thread], frameBound: 100) != nil)
        let fine = WalkedThread(
            threadState: RemoteAddress(0x1000), threadID: 1, nativeThreadID: nil,
            frames: [Frame(name: "f", filename: "/f.py", line: 3)])
        #expect(WalkFuzzer.problem(in: [fine], frameBound: 100) == nil)
        #expect(WalkFuzzer.problem(in: Array(repeating: fine, count: 101), frameBound: 100) != nil)
    }

    @Test(arguments: ImageMutator.Kind.allCases)
    func everyKindOfDamageChangesTheImage(kind: ImageMutator.Kind) {
        let pristine = [[UInt8](repeating: 0x11, count: 4096), [UInt8](repeating: 0x22, count: 4096)]
        let numbers: [UInt64] = [0x100, 0x101]
        let pointers = [UInt64(0x100_010), UInt64(0x101_020)]
        var changed = 0
        for seed in 0..<20 as Range<UInt64> {
            var random = FuzzRandom(seed: seed)
            let damaged = ImageMutator.mutate(
                pristine, pageNumbers: numbers, pointers: pointers, kind: kind, using: &random)
            if damaged != pristine { changed += 1 }
        }
        #expect(changed >= 18, "\(kind) changed only \(changed) of 20 images")
    }
}
