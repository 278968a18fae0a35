import MemoryTestSupport
import CPythonLayouts
import ProcessAccess
import Testing
@testable import PythonIntrospection

/// Walks threads and frames built in fake memory for every layout table, including versions not installed
/// here (3.14, 3.15), checking names, files, exact lines, order, and the skipping rules of each version.
@Suite struct FakeMemoryWalkTests {
    /// Every version there is a layout table for, so a new table is walked here without another edit.
    static let versions: [PythonVersion] = PythonLayout.knownVersions.map {
        PythonVersion(major: $0.major, minor: $0.minor, micro: $0.major == 2 ? 18 : 0)
    }

    @Test(arguments: versions)
    func walksThreadsAndFrames(version: PythonVersion) throws {
        let layout = try #require(
            PythonLayout.forVersion(major: version.major, minor: version.minor),
            "no layout for \(version)")
        let chain = try #require(FrameChain.forVersion(version))
        var fake = FakeInterpreter(layout: layout, version: version)
        let leaf = fake.makeCode(name: "leaf", filename: "/app/work.py", firstLine: 10)
        let middle = fake.makeCode(name: "middlé", filename: "/app/wörk.py", firstLine: 20)
        let module = fake.makeCode(name: "<module>", filename: "/app/work.py", firstLine: 1)
        var framesA: [FakeInterpreter.FrameSpec] = [.python(code: leaf, unit: 2)]
        if let shimOwner = chain.cStackOwner { framesA.append(.shim(owner: shimOwner)) }
        framesA.append(.python(code: middle, unit: 1))
        if chain.executableMayBeNonCode { framesA.append(.notCode) }
        framesA.append(.python(code: module, unit: 3))
        fake.addThread(threadID: 0x7F00_0000_1000, nativeID: 101, frames: framesA)

        var framesB: [FakeInterpreter.FrameSpec] = []
        if chain.kind == .interpreterFrames {
            // A frame still in its prologue (before `_co_firsttraceable`) is not shown by CPython yet.
            let starting = fake.makeCode(name: "starting", filename: "/app/work.py", firstLine: 50, firstTraceable: 2)
            framesB.append(.python(code: starting, unit: 1))
        }
        let sleeper = fake.makeCode(name: "线程", filename: "/app/work.py", firstLine: 30)
        framesB.append(.python(code: sleeper, unit: 0))
        fake.addThread(threadID: 0x7F00_0000_2000, nativeID: 102, frames: framesB)

        let objects = ObjectReader(memory: fake.memory, layout: layout, isPython2: version.major == 2)
        let walker = StackWalker(
            objects: objects, chain: chain,
            codes: CodeObjectCache(objects: objects, format: chain.lineTableFormat),
            codeType: fake.codeType)
        let threads = try walker.walkAll(interpreter: fake.interpreter)
        #expect(threads.map(\.threadState) == fake.threadStates)

        #expect(threads.map(\.threadID) == [0x7F00_0000_2000, 0x7F00_0000_1000])
        if layout.threadStateNativeThreadId != nil {
            #expect(threads.map(\.nativeThreadID) == [102, 101])
        }
        let a = threads[1].frames
        #expect(a.map(\.name) == ["leaf", "middlé", "<module>"])
        #expect(a.map(\.filename) == ["/app/work.py", "/app/wörk.py", "/app/work.py"])
        #expect(a.map(\.line) == [12, 21, 4])
        let b = threads[0].frames
        #expect(b.map(\.name) == ["线程"])
        #expect(b.map(\.line) == [30])
        if chain.cStackOwner != nil {
            // The frame entered from C (just inside the shim) is marked as an entry frame.
            #expect(a.map(\.isEntry) == [true, false, true])
        }
    }

    /// 3.14+: a sampler can read `current_frame` just before the frame returns and find the record with its
    /// executable cleared; the walk passes over it to the caller instead of failing the sample.
    @Test(arguments: [14, 15])
    func passesOverAReturnedFrame(minor: Int) throws {
        let version = PythonVersion(major: 3, minor: minor, micro: 0)
        let layout = try #require(PythonLayout.forVersion(major: 3, minor: minor))
        var fake = FakeInterpreter(layout: layout, version: version)
        let caller = fake.makeCode(name: "caller", filename: "/app/work.py", firstLine: 10)
        fake.addThread(threadID: 1, nativeID: 1, frames: [.cleared, .python(code: caller, unit: 1)])
        let objects = ObjectReader(memory: fake.memory, layout: layout, isPython2: false)
        let chain = try #require(FrameChain.forVersion(version))
        let walker = StackWalker(
            objects: objects, chain: chain,
            codes: CodeObjectCache(objects: objects, format: chain.lineTableFormat),
            codeType: fake.codeType)
        let threads = try walker.walkAll(interpreter: fake.interpreter)
        #expect(threads.first?.failure == nil)
        #expect(threads.first?.frames.map(\.name) == ["caller"])
        #expect(threads.first?.frames.map(\.line) == [11])
    }

    /// Free-threaded 3.14t/3.15t: a thread other than the first runs its own copy of the bytecode, so the
    /// line comes from the instruction's offset in that copy (`co_tlbc->entries[tlbc_index]`), not in
    /// `co_code_adaptive`. The frame and code fields are those of the free-threaded `_Py_DebugOffsets` of 3.14
    /// (Include/internal/pycore_interpframe_structs.h: `tlbc_index` after `stackpointer`, which moves
    /// `owner` and `localsplus` on by 8 bytes).
    @Test(arguments: [14, 15])
    func readsLinesFromThreadLocalBytecode(minor: Int) throws {
        let version = PythonVersion(major: 3, minor: minor, micro: 0)
        var layout = try #require(PythonLayout.forVersion(major: 3, minor: minor)).freeThreaded()
        layout.interpreterFrameTLBCIndex = 72
        layout.interpreterFrameOwner = 78
        layout.interpreterFrameLocalsplus = 80
        layout.interpreterFrameSize = 88
        layout.codeTLBC = layout.codeSize
        var fake = FakeInterpreter(layout: layout, version: version)
        let inner = fake.makeCode(name: "inner", filename: "/app/work.py", firstLine: 10)
        let outer = fake.makeCode(name: "outer", filename: "/app/work.py", firstLine: 20)
        fake.addThread(
            threadID: 1, nativeID: 1,
            frames: [
                .threadLocal(code: inner, unit: 3, index: 2), .python(code: outer, unit: 5)
            ])
        let objects = ObjectReader(memory: fake.memory, layout: layout, isPython2: false)
        let chain = try #require(FrameChain.forVersion(version))
        let walker = StackWalker(
            objects: objects, chain: chain,
            codes: CodeObjectCache(objects: objects, format: chain.lineTableFormat),
            codeType: fake.codeType)
        let thread = try #require(try walker.walkAll(interpreter: fake.interpreter).first)
        #expect(thread.failure == nil)
        #expect(thread.frames.map(\.name) == ["inner", "outer"])
        #expect(thread.frames.map(\.line) == [13, 25])
    }

    @Test func refusesCyclicFrameChains() throws {
        let version = PythonVersion(major: 3, minor: 9, micro: 0)
        let layout = try #require(PythonLayout.forVersion(major: 3, minor: 9))
        var fake = FakeInterpreter(layout: layout, version: version)
        let code = fake.makeCode(name: "f", filename: "/f.py", firstLine: 1)
        let state = fake.addThread(threadID: 1, nativeID: 1, frames: [.python(code: code, unit: 0)])
        let frame = try fake.memory.readPointer(state + (layout.threadStateFrame ?? 0))
        fake.set(frame, at: frame, layout.frameObjectBack ?? 0)  // f_back points at itself
        let objects = ObjectReader(memory: fake.memory, layout: layout, isPython2: false)
        let chain = try #require(FrameChain.forVersion(version))
        let walker = StackWalker(
            objects: objects, chain: chain,
            codes: CodeObjectCache(objects: objects, format: chain.lineTableFormat),
            codeType: nil)
        #expect(throws: IntrospectionError.self) { try walker.walk(threadState: state) }
    }

    @Test func refusesGarbageStringLengths() throws {
        let version = PythonVersion(major: 3, minor: 12, micro: 0)
        let layout = try #require(PythonLayout.forVersion(major: 3, minor: 12))
        var fake = FakeInterpreter(layout: layout, version: version)
        let text = fake.makeString("hello")
        fake.set(Int64(1 << 40), at: text, layout.unicodeLength ?? 0)
        let objects = ObjectReader(memory: fake.memory, layout: layout, isPython2: false)
        #expect(throws: MemoryReadError.implausibleSize(what: "string", size: 1 << 40)) {
            try objects.string(at: text)
        }
    }
}

extension PythonVersion: CustomTestStringConvertible {
    public var testDescription: String { description }
}
