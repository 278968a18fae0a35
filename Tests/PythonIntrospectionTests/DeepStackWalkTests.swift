import MemoryTestSupport
import CPythonLayouts
import ProcessAccess
import ProfileModel
import Testing
@testable import PythonIntrospection

/// Stacks and thread lists of any length (issues 13.2 and 12.6: 4,096 frames or threads used to fail every
/// thread of the sample), and a bad chain in one thread costing that thread only, for every layout table, read
/// cold (as `dump`) and warm through the prefetching memory (as `record`).
@Suite struct DeepStackWalkTests {
    static let versions = FakeMemoryWalkTests.versions

    struct Setup {
        var fake: FakeInterpreter
        let chain: FrameChain
        let recursive: RemoteAddress
        let other: RemoteAddress

        init(_ version: PythonVersion) throws {
            let layout = try #require(PythonLayout.forVersion(major: version.major, minor: version.minor))
            chain = try #require(FrameChain.forVersion(version))
            fake = FakeInterpreter(layout: layout, version: version)
            recursive = fake.makeCode(name: "descend", filename: "/app/deep.py", firstLine: 100)
            other = fake.makeCode(name: "wait", filename: "/app/other.py", firstLine: 7)
        }

        /// A thread with one ordinary frame, to check that it survives beside a deep or broken one.
        mutating func addOrdinaryThread() {
            fake.addThread(threadID: 0x2000, nativeID: 2, frames: [.python(code: other, unit: 1)])
        }

        func walker<Memory: MemorySource>(_ memory: Memory) -> StackWalker<Memory> {
            let objects = ObjectReader(memory: memory, layout: fake.layout, isPython2: fake.version.major == 2)
            return StackWalker(
                objects: objects, chain: chain,
                codes: CodeObjectCache(objects: objects, format: chain.lineTableFormat),
                codeType: fake.codeType)
        }

        /// Every thread, read cold and then twice through the prefetching memory (the second walk warm): all
        /// three must agree, and the first is returned.
        func walkAll() throws -> [WalkedThread] {
            let cold = try walker(fake.memory).walkAll(interpreter: fake.interpreter)
            let prefetching = PrefetchingMemory(base: fake.memory)
            let warmWalker = walker(prefetching)
            for pass in 0..<2 {
                prefetching.beginSample()
                warmWalker.beginSample()
                let warm = try warmWalker.walkAll(interpreter: fake.interpreter)
                prefetching.endSample()
                #expect(warm.map(\.frames) == cold.map(\.frames), "pass \(pass) through the prefetch differs")
            }
            return cold
        }
    }

    static func expectDescent(_ frames: ArraySlice<Frame>, from index: Int = 0) {
        #expect(frames.allSatisfy { $0.name == "descend" && $0.filename == "/app/deep.py" })
        let lines = frames.indices.map { 100 + ($0 - frames.startIndex + index) % 8 }
        #expect(frames.map(\.line) == lines)
    }

    @Test(arguments: versions)
    func walksTwelveThousandFrames(version: PythonVersion) throws {
        var setup = try Setup(version)
        let frames = setup.fake.deepFrames(code: setup.recursive, depth: 12_000)
        setup.fake.addThread(threadID: 0x1000, nativeID: 1, innermost: frames[0])
        setup.addOrdinaryThread()
        let threads = try setup.walkAll()
        #expect(threads.map(\.threadID) == [0x2000, 0x1000])
        #expect(threads.allSatisfy { $0.failure == nil })
        let deep = try #require(threads.last).frames
        #expect(deep.count == 12_000)
        Self.expectDescent(deep[...])
        #expect(threads[0].frames.map(\.name) == ["wait"])
    }

    /// A frame chain that loops (μ frames, then a loop of λ): the thread keeps each distinct frame once and a
    /// marker; the other thread is untouched. Loops longer than the old cap are caught as well.
    @Test(arguments: versions)
    func aLoopingChainCostsOnlyItsThread(version: PythonVersion) throws {
        for (before, length) in [(0, 1), (2, 3), (3000, 7000)] {
            var setup = try Setup(version)
            let frames = setup.fake.deepFrames(code: setup.recursive, depth: before + length, loopTo: before)
            setup.fake.addThread(threadID: 0x1000, nativeID: 1, innermost: frames[0])
            setup.addOrdinaryThread()
            let threads = try setup.walkAll()
            #expect(threads.map(\.threadID) == [0x2000, 0x1000])
            #expect(threads[0].failure == nil && threads[0].frames.map(\.name) == ["wait"])
            let looping = threads[1]
            #expect(looping.failure != nil, "μ \(before), λ \(length)")
            #expect(looping.frames.count == before + length + 1, "μ \(before), λ \(length)")
            Self.expectDescent(looping.frames.dropLast())
            #expect(looping.frames.last == ChainMarkers.loop)
        }
    }

    /// A link to unmapped memory half-way down: the frames above it are kept, then a marker.
    @Test(arguments: versions)
    func anUnreadableLinkCostsOnlyItsThread(version: PythonVersion) throws {
        var setup = try Setup(version)
        let frames = setup.fake.deepFrames(code: setup.recursive, depth: 5000)
        let link =
            setup.fake.usesFrameObjects ? setup.fake.layout.frameObjectBack : setup.fake.layout.interpreterFramePrevious
        setup.fake.set(UInt64(0xDEAD_0000), at: frames[4999], link ?? 0)
        setup.fake.addThread(threadID: 0x1000, nativeID: 1, innermost: frames[0])
        setup.addOrdinaryThread()
        let threads = try setup.walkAll()
        #expect(threads[0].frames.map(\.name) == ["wait"])
        let broken = threads[1]
        #expect(broken.frames.count == 5001)
        Self.expectDescent(broken.frames.dropLast())
        #expect(broken.frames.last == ChainMarkers.unreadable)
        if case .memory(.badAddress)? = broken.failure {
        } else {
            Issue.record("failure: \(String(describing: broken.failure))")
        }
    }

    /// When no thread could be read whole, the sample has failed: the error is thrown, not an empty success.
    @Test func aSampleWithEveryThreadUnreadableFails() throws {
        var setup = try Setup(PythonVersion(major: 3, minor: 12, micro: 0))
        let frames = setup.fake.deepFrames(code: setup.recursive, depth: 3)
        setup.fake.set(UInt64(0xDEAD_0000), at: frames[2], setup.fake.layout.interpreterFramePrevious ?? 0)
        setup.fake.addThread(threadID: 0x1000, nativeID: 1, innermost: frames[0])
        #expect(throws: IntrospectionError.self) {
            try setup.walker(setup.fake.memory).walkAll(interpreter: setup.fake.interpreter)
        }
    }

    @Test(arguments: [PythonVersion(major: 2, minor: 7, micro: 18), PythonVersion(major: 3, minor: 13, micro: 0)])
    func walksAndValidatesFiveThousandThreads(version: PythonVersion) throws {
        var setup = try Setup(version)
        setup.addOrdinaryThread()
        let pthread = setup.fake.allocate(64)  // the head's id must be mapped, as a pthread_t is
        let states = setup.fake.manyThreads(5000, firstID: pthread.rawValue)
        let threads = try setup.walkAll()
        #expect(threads.count == 5001)
        #expect(threads.prefix(5000).map(\.threadState) == states)
        #expect(threads.last?.frames.map(\.name) == ["wait"])
        let locator = InterpreterLocator(
            memory: setup.fake.memory, layout: setup.fake.layout,
            maps: InterpreterSearchTests().maps(covering: setup.fake.memory))
        #expect(locator.isValid(setup.fake.interpreter))
    }

    @Test func aLoopingThreadListGivesItsDistinctThreadsAndIsNotAnInterpreter() throws {
        var setup = try Setup(PythonVersion(major: 3, minor: 11, micro: 0))
        let pthread = setup.fake.allocate(64)
        let states = setup.fake.manyThreads(4500, firstID: pthread.rawValue, loopTo: 100)
        let threads = try setup.walkAll()
        #expect(threads.map(\.threadState) == states)
        let locator = InterpreterLocator(
            memory: setup.fake.memory, layout: setup.fake.layout,
            maps: InterpreterSearchTests().maps(covering: setup.fake.memory))
        #expect(!locator.isValid(setup.fake.interpreter))
    }
}
