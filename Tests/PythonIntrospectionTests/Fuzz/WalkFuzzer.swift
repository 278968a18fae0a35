import CPythonLayouts
import Foundation
import ProcessAccess
import ProfileModel
@testable import PythonIntrospection

/// What a walk needs besides memory: the layout, the frame-chain rules and where the interpreter is.
struct WalkSetup: Sendable {
    let label: String
    let layout: PythonLayout
    let version: PythonVersion
    let chain: FrameChain
    let codeType: RemoteAddress?
    let interpreter: RemoteAddress
}

/// Feeds damaged copies of one real memory image to the whole walk (thread list, frame chains, code objects,
/// strings, line tables, caches), directly and through the prefetching memory the sampler uses, and checks that
/// every walk ends quickly, with an error or with frames that are well formed and few enough to be real, and
/// that memory stays bounded. A trap would end the test process: surviving is the first check.
struct WalkFuzzer {
    let setup: WalkSetup
    let base: MemoryImage

    struct Outcome: CustomStringConvertible {
        var images = 0
        var walked = 0
        var failedCleanly = 0
        var frames = 0
        var slowest: Duration = .zero
        var problems: [String] = []

        var description: String {
            "\(images) images: \(walked) walked (\(frames) frames), \(failedCleanly) refused with an error, "
                + "slowest walk \(slowest)"
        }
    }

    /// The walk of one image must end within this (a hang shows as a walk far beyond it).
    static let walkLimit: Duration = .seconds(2)

    func run(images count: Int, seed: UInt64, progress: FuzzProgress) -> Outcome {
        var outcome = Outcome()
        let pristine = base.contents
        let pointers = ImageMutator.pointerValues(pristine, pageNumbers: base.pageNumbers)
        let bytes = pristine.count * Int(MemoryImage.pageSize)
        // Nothing read from `bytes` of memory can honestly hold more frames or threads than this.
        let frameBound = bytes / 8
        let image = MemoryImage(pages: Dictionary(uniqueKeysWithValues: zip(base.pageNumbers, pristine)))
        let prefetching = PrefetchingMemory(base: image)
        var direct = makeWalker(image)
        var viaPrefetch = makeWalker(prefetching)
        for index in 0..<count {
            let imageSeed = seed &+ UInt64(index)
            progress.current = "\(setup.label), image seed \(imageSeed)"
            var random = FuzzRandom(seed: imageSeed)
            // Fresh caches now and then; otherwise they carry over from image to image, like a long recording
            // of a process whose memory keeps changing.
            if index % 64 == 0 {
                direct = makeWalker(image)
                viaPrefetch = makeWalker(prefetching)
            }
            let kind = ImageMutator.Kind.allCases.randomElement(using: &random) ?? .flipBytes
            image.replaceContents(
                with: ImageMutator.mutate(
                    pristine, pageNumbers: base.pageNumbers, pointers: pointers,
                    kind: kind, using: &random))
            let started = ContinuousClock.now
            // Every fourth walk also reads arguments and locals (`dump --locals`): dicts, tuples, reprs.
            let withLocals = index % 4 < 2
            let result: Result<[WalkedThread], IntrospectionError>
            if index % 2 == 0 {
                direct.beginSample()
                let locals = withLocals ? Self.localsReader(for: direct) : nil
                result = Result { () throws(IntrospectionError) in
                    try direct.walkAll(interpreter: setup.interpreter, locals: locals)
                }
            } else {
                prefetching.beginSample()
                viaPrefetch.beginSample()
                let locals = withLocals ? Self.localsReader(for: viaPrefetch) : nil
                result = Result { () throws(IntrospectionError) in
                    try viaPrefetch.walkAll(interpreter: setup.interpreter, locals: locals)
                }
                prefetching.endSample()
            }
            let elapsed = ContinuousClock.now - started
            outcome.images += 1
            outcome.slowest = max(outcome.slowest, elapsed)
            if elapsed > Self.walkLimit {
                outcome.problems.append("\(setup.label) seed \(imageSeed) (\(kind)): the walk took \(elapsed)")
            }
            switch result {
            case .failure:
                outcome.failedCleanly += 1
            case .success(let threads):
                outcome.walked += 1
                if let problem = Self.problem(in: threads, frameBound: frameBound) {
                    outcome.problems.append("\(setup.label) seed \(imageSeed) (\(kind)): \(problem)")
                }
                outcome.frames += threads.reduce(0) { $0 + $1.frames.count }
            }
            if outcome.problems.count >= 5 { break }
        }
        return outcome
    }

    private static func localsReader<Memory: MemorySource>(for walker: StackWalker<Memory>) -> LocalsReader<Memory> {
        LocalsReader(objects: walker.objects, dicts: DictReader(objects: walker.objects), chain: walker.chain, count: 2)
    }

    private func makeWalker<Memory: MemorySource>(_ memory: Memory) -> StackWalker<Memory> {
        let objects = ObjectReader(memory: memory, layout: setup.layout, isPython2: setup.version.major == 2)
        return StackWalker(
            objects: objects, chain: setup.chain,
            codes: CodeObjectCache(objects: objects, format: setup.chain.lineTableFormat),
            codeType: setup.codeType)
    }

    /// What is wrong with a walk's result, if anything: too many threads or frames for the memory they came
    /// from, or a frame that is not well formed (names and files of bounded size, a line an `int` can hold).
    static func problem(in threads: [WalkedThread], frameBound: Int) -> String? {
        if threads.count > frameBound { return "\(threads.count) threads from \(frameBound * 8) bytes" }
        let total = threads.reduce(0) { $0 + $1.frames.count }
        if total > frameBound { return "\(total) frames from \(frameBound * 8) bytes" }
        for thread in threads {
            for frame in thread.frames {
                let maxText = ObjectReader<MemoryImage>.maxStringLength * 4
                if frame.name.utf8.count > maxText || frame.filename.utf8.count > maxText {
                    return "a frame label of \(frame.name.utf8.count)/\(frame.filename.utf8.count) bytes"
                }
                if frame.line < Int(Int32.min) || frame.line > Int(Int32.max) {
                    return "line \(frame.line) of \(frame.name)"
                }
            }
            for variable in thread.frameLocals.joined() {
                let maxText = ObjectReader<MemoryImage>.maxStringLength * 4
                if variable.name.utf8.count > maxText || (variable.repr?.utf8.count ?? 0) > maxText {
                    return "a local of \(variable.name.utf8.count)/\((variable.repr?.utf8.count ?? 0)) bytes"
                }
            }
        }
        return nil
    }
}

/// Where the fuzzer is, for the watchdog's message if a walk never returns.
final class FuzzProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var value = "starting"
    var current: String {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}

/// The resident memory of this process, in bytes (VmRSS).
func residentBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
        let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
    else { return 0 }
    return kilobytes * 1024
}
