import MemoryTestSupport
import CPythonLayouts
import ProcessAccess
import ProfileModel
import Testing
@testable import PythonIntrospection

/// Frames with variables, walked with `dump --locals` for every layout table: names in CPython's order,
/// argument flags, cells and free variables dereferenced, unbound variables left out, bad values as `?`.
@Suite struct LocalsReaderTests {
    static let versions = FakeMemoryWalkTests.versions

    /// `def f(a, b, [k,] *args, **kw)` where a closure captures `b`, with locals `x` and `y` (unbound), cell
    /// variables `c` and `c2` (empty) and the free variable `free`.
    static func spec(_ version: PythonVersion) -> FakeInterpreter.VariableSpec {
        let keywordOnly = version.major == 3
        return FakeInterpreter.VariableSpec(
            arguments: ["a", "b"] + (keywordOnly ? ["k"] : []) + ["args", "kw"], keywordOnly: keywordOnly ? 1 : 0,
            varargs: true, varkeywords: true, argumentCells: ["b"], locals: ["x", "y"], cells: ["c", "c2"],
            frees: ["free"])
    }

    /// Walks a one-frame thread whose frame holds `values`, with locals read at `count` × 128 characters.
    static func walk(
        _ version: PythonVersion, count: Int = 1,
        values build: (inout FakeInterpreter, FakeInterpreter.ValueTypes) -> [String: RemoteAddress]
    )
        throws -> [LocalVariable]?
    {
        let layout = try #require(PythonLayout.forVersion(major: version.major, minor: version.minor))
        let chain = try #require(FrameChain.forVersion(version))
        var fake = FakeInterpreter(layout: layout, version: version)
        let types = fake.withValueTypes()
        let spec = spec(version)
        let values = build(&fake, types)
        let code = fake.makeCode(name: "f", variables: spec, types)
        let words = fake.localsplusWords(spec, values: values, types)
        // The thread comes last, so that the words written after its frame overlap nothing.
        let state = fake.addThread(threadID: 1, nativeID: 1, frames: [.python(code: code, unit: 0)])
        try fake.writeLocalsplus(words, thread: state)

        let objects = ObjectReader(memory: fake.memory, layout: layout, isPython2: version.major == 2)
        let walker = StackWalker(
            objects: objects, chain: chain,
            codes: CodeObjectCache(objects: objects, format: chain.lineTableFormat),
            codeType: fake.codeType)
        let locals = LocalsReader(objects: objects, dicts: DictReader(objects: objects), chain: chain, count: count)
        let thread = try walker.walk(threadState: state, locals: locals)
        return thread.frameLocals.first
    }

    @Test("Arguments, locals, cells and free variables in CPython's order", arguments: versions)
    func variables(version: PythonVersion) throws {
        var addresses: [String: RemoteAddress] = [:]
        let locals = try #require(
            try Self.walk(version) { fake, types in
                addresses = [
                    "a": fake.makeInt(1, types), "b": fake.makeString("bee"), "k": fake.makeNone(types),
                    "args": fake.makeTuple([fake.makeInt(3, types)], types), "kw": fake.makeDict([], types).dict,
                    "x": fake.makeList([fake.makeFloat(3.0, types)], types), "c": fake.makeBool(true, types),
                    "free": fake.makeString("free")
                ]
                return addresses
            })
        let keywordOnly = version.major == 3
        #expect(locals.map(\.name) == ["a", "b"] + (keywordOnly ? ["k"] : []) + ["args", "kw", "x", "c", "free"])
        #expect(locals.map(\.isArgument) == Array(repeating: true, count: keywordOnly ? 5 : 4) + [false, false, false])
        #expect(
            locals.map(\.repr) == ["1", "\"bee\""] + (keywordOnly ? ["None"] : []) + [
                "(3,)", "{}", "[3]", "True",
                "\"free\""
            ])
        // The address is the value's, not its cell's.
        #expect(locals.map(\.address) == locals.map { addresses[$0.name]?.rawValue ?? 0 })
    }

    @Test("-ll allows longer values", arguments: [versions.first!, versions.last!])
    func longerValues(version: PythonVersion) throws {
        let text = String(repeating: "y", count: 200)
        let build: (inout FakeInterpreter, FakeInterpreter.ValueTypes) -> [String: RemoteAddress] = { fake, _ in
            ["a": fake.makeString(text)]
        }
        let short = try #require(try Self.walk(version, count: 1, values: build)?.first?.repr)
        let long = try #require(try Self.walk(version, count: 2, values: build)?.first?.repr)
        #expect(short == "\"" + String(repeating: "y", count: 123) + "...\"")
        #expect(long == "\"" + text + "\"")
    }

    @Test("A value that cannot be read is kept with no repr", arguments: versions)
    func unreadableValue(version: PythonVersion) throws {
        let locals = try #require(
            try Self.walk(version) { fake, types in
                ["a": RemoteAddress(0xDEAD_0000), "x": fake.makeInt(5, types)]
            })
        #expect(locals.map(\.name) == ["a", "x"])
        #expect(locals.map(\.repr) == [nil, "5"])
        #expect(locals.first?.address == 0xDEAD_0000)
    }

    @Test("3.14 stack references: tag bits masked, tagged ints shown")
    func stackReferences() throws {
        let version = PythonVersion(major: 3, minor: 14, micro: 0)
        let layout = try #require(PythonLayout.forVersion(major: 3, minor: 14))
        let chain = try #require(FrameChain.forVersion(version))
        var fake = FakeInterpreter(layout: layout, version: version)
        let types = fake.withValueTypes()
        let spec = FakeInterpreter.VariableSpec(arguments: ["deferred"], locals: ["tagged", "null"])
        let value = fake.makeString("v")
        let code = fake.makeCode(name: "f", variables: spec, types)
        let state = fake.addThread(threadID: 1, nativeID: 1, frames: [.python(code: code, unit: 0)])
        // A deferred reference (bit 0 set), a tagged small int (42 << 2 | 3), and the NULL reference (1).
        try fake.writeLocalsplus([value.rawValue | 1, 42 << 2 | 3, 1], thread: state)
        let objects = ObjectReader(memory: fake.memory, layout: layout, isPython2: false)
        let walker = StackWalker(
            objects: objects, chain: chain,
            codes: CodeObjectCache(objects: objects, format: chain.lineTableFormat),
            codeType: fake.codeType)
        let locals = LocalsReader(objects: objects, dicts: DictReader(objects: objects), chain: chain, count: 1)
        let variables = try #require(try walker.walk(threadState: state, locals: locals).frameLocals.first)
        #expect(variables.map(\.name) == ["deferred", "tagged"])
        #expect(variables.map(\.repr) == ["\"v\"", "42"])
        #expect(variables.first?.address == value.rawValue)
    }

    @Test("Without --locals, frames carry no locals")
    func off() throws {
        let version = PythonVersion(major: 3, minor: 12, micro: 0)
        let layout = try #require(PythonLayout.forVersion(major: 3, minor: 12))
        let chain = try #require(FrameChain.forVersion(version))
        var fake = FakeInterpreter(layout: layout, version: version)
        let code = fake.makeCode(name: "f", filename: "/f.py", firstLine: 1)
        let state = fake.addThread(threadID: 1, nativeID: 1, frames: [.python(code: code, unit: 0)])
        let objects = ObjectReader(memory: fake.memory, layout: layout, isPython2: false)
        let walker = StackWalker(
            objects: objects, chain: chain,
            codes: CodeObjectCache(objects: objects, format: chain.lineTableFormat),
            codeType: fake.codeType)
        let thread = try walker.walk(threadState: state)
        #expect(thread.frames.count == 1 && thread.frameLocals.isEmpty)
    }

    @Test("Argument counts include keyword-only, *args and **kwargs")
    func argumentCounts() {
        #expect(CodeLocals.argumentCount(argcount: 2, kwonlyargcount: 1, flags: 0x3) == 3)
        #expect(CodeLocals.argumentCount(argcount: 1, kwonlyargcount: 0, flags: 0x4 | 0x8) == 3)
        #expect(CodeLocals.argumentCount(argcount: -5, kwonlyargcount: -1, flags: 0) == 0)
    }

    @Test("≤ 3.10: an argument captured by a closure is read from its cell, in its place")
    func argumentCells() {
        let locals = CodeLocals.frameObjectLocals(
            names: ["a", "b", "x"], nlocals: 3, cells: ["b", "c"],
            frees: ["f"], arguments: 2)
        #expect(locals.variables.map(\.name) == ["a", "b", "x", "c", "f"])
        #expect(locals.variables.map(\.slot) == [0, 3, 2, 4, 5])
        #expect(locals.variables.map(\.isCell) == [false, true, false, true, true])
        #expect(locals.slotCount == 6)
    }
}
