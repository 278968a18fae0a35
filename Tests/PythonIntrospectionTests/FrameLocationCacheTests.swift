import CPythonLayouts
import Foundation
import ProcessAccess
import ProfileModel
import Testing
@testable import PythonIntrospection

/// The location cache in front of the code cache: whatever it remembers, a walk must label frames exactly as a
/// fresh decode would, for every style, and must notice a code object replaced at the same address.
@Suite struct FrameLocationCacheTests {
    let version = PythonVersion(major: 3, minor: 12, micro: 0)

    /// A 3.12 thread running `leaf` called from `<module>`: the fake, a walker over it, its memory, the thread
    /// state and the leaf's code object.
    private func setUp() throws
        -> (FakeInterpreter, StackWalker<MemoryBox>, MemoryBox, RemoteAddress, RemoteAddress)
    {
        let layout = try #require(PythonLayout.forVersion(major: 3, minor: 12))
        let chain = try #require(FrameChain.forVersion(version))
        var fake = FakeInterpreter(layout: layout, version: version)
        let leaf = fake.makeCode(name: "leaf", filename: "/app/pkg/work.py", firstLine: 10)
        let module = fake.makeCode(name: "<module>", filename: "/app/pkg/work.py", firstLine: 1)
        let state = fake.addThread(
            threadID: 1, nativeID: 1,
            frames: [.python(code: leaf, unit: 2), .python(code: module, unit: 3)])
        let memory = MemoryBox(fake.memory)
        let objects = ObjectReader(memory: memory, layout: layout, isPython2: false)
        let codes = CodeObjectCache(
            objects: objects, format: chain.lineTableFormat,
            shorten: { $0.replacingOccurrences(of: "/app/", with: "") })
        let walker = StackWalker(objects: objects, chain: chain, codes: codes, codeType: fake.codeType)
        return (fake, walker, memory, state, leaf)
    }

    @Test func everyStyleGetsItsOwnLabels() throws {
        let (_, walker, _, state, _) = try setUp()
        for _ in 0..<2 {  // the second round is answered from the cache
            walker.beginSample()
            let current = try walker.walk(threadState: state).frames
            #expect(current.map(\.line) == [12, 4])
            #expect(current.map(\.displayFilename) == ["pkg/work.py", "pkg/work.py"])
            let first = try walker.walk(threadState: state, style: FrameStyle(lines: .functionFirstLine)).frames
            #expect(first.map(\.line) == [10, 1])
            let bare = try walker.walk(threadState: state, style: FrameStyle(lines: .none, shortFilenames: false))
                .frames
            #expect(bare.map(\.line) == [0, 0])
            #expect(bare.map(\.displayFilename) == ["/app/pkg/work.py", "/app/pkg/work.py"])
        }
    }

    @Test func aCodeObjectReplacedAtTheSameAddressIsNoticed() throws {
        var (fake, walker, memory, state, leaf) = try setUp()
        walker.beginSample()
        #expect(try walker.walk(threadState: state).frames.map(\.name) == ["leaf", "<module>"])
        // The leaf's code object is freed and another takes its address: same instruction, new name.
        let renamed = fake.makeString("replacement")
        fake.set(renamed, at: leaf, fake.layout.codeName)
        memory.memory = fake.memory
        // Noticed in the very next sample: every cached code object is confirmed once per sample.
        walker.beginSample()
        #expect(try walker.walk(threadState: state).frames.map(\.name) == ["replacement", "<module>"])
    }

    @Test func aReplacementDifferingOnlyInItsFirstLineIsNoticed() throws {
        var (fake, walker, memory, state, leaf) = try setUp()
        walker.beginSample()
        #expect(
            try walker.walk(threadState: state, style: FrameStyle(lines: .functionFirstLine)).frames
                .map(\.line) == [10, 1])
        // Same name, file and line-table objects (all freed and reused in the same order), another first line.
        fake.set(Int32(40), at: leaf, fake.layout.codeFirstlineno)
        memory.memory = fake.memory
        walker.beginSample()
        #expect(
            try walker.walk(threadState: state, style: FrameStyle(lines: .functionFirstLine)).frames
                .map(\.line) == [40, 1])
    }
}
