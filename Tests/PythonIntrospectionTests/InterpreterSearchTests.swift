import MemoryTestSupport
import CPythonLayouts
import ProcessAccess
import Testing
@testable import PythonIntrospection

/// Finding the interpreter and the version when symbols are missing (stripped builds): the scans over the
/// binary's data sections, with every candidate validated.
@Suite struct InterpreterSearchTests {
    func fakeWithOneThread(_ version: PythonVersion) throws -> (FakeInterpreter, PythonLayout) {
        let layout = try #require(PythonLayout.forVersion(major: version.major, minor: version.minor))
        var fake = FakeInterpreter(layout: layout, version: version)
        let code = fake.makeCode(name: "f", filename: "/f.py", firstLine: 1)
        // A bound thread's id is its pthread_t, an address in mapped memory.
        let pthread = fake.allocate(64)
        fake.addThread(threadID: pthread.rawValue, nativeID: 1, frames: [.python(code: code, unit: 0)])
        return (fake, layout)
    }

    func maps(covering memory: FakeMemory) -> MemoryMap {
        let regions = memory.regions.map { ($0.key.rawValue, $0.key.rawValue + UInt64($0.value.count)) }
        let low = regions.map(\.0).min() ?? 0, high = regions.map(\.1).max() ?? 0
        return MemoryMap(mappings: [
            MemoryMapping(
                start: low, end: high, isReadable: true, isWritable: true, isExecutable: false, fileOffset: 0,
                inode: 0, path: "", isDeleted: false)
        ])
    }

    @Test func findsTheInterpreterByScanningDataSections() throws {
        var (fake, layout) = try fakeWithOneThread(PythonVersion(major: 3, minor: 8, micro: 18))
        // A ".bss" holding decoys (unmapped, misaligned, a pointer to a non-interpreter) and then the real one.
        let bss = fake.allocate(256)
        fake.set(UInt64(0xDEAD_BEEF_0000), at: bss, 0)
        fake.set(fake.interpreter.rawValue + 1, at: bss, 8)
        fake.set(bss.rawValue, at: bss, 16)
        fake.set(fake.interpreter, at: bss, 64)
        let binary = PythonBinary(
            path: "/usr/lib/libpython3.8.so", symbols: [:],
            dataSections: [(".bss", bss, 256)])
        let locator = InterpreterLocator(memory: fake.memory, layout: layout, maps: maps(covering: fake.memory))
        #expect(locator.locate(binary: binary, runtime: nil) == fake.interpreter)
    }

    /// On 3.11 `threads.head` and `PyThreadState.interp` share an offset, so a thread state passes the
    /// back-pointer test as if it were an interpreter; the scan must still pick the real one.
    @Test func aThreadStateIsNotMistakenForTheInterpreter() throws {
        var (fake, layout) = try fakeWithOneThread(PythonVersion(major: 3, minor: 11, micro: 7))
        #expect(layout.interpThreadsHead == layout.threadStateInterp)
        let threadState = try #require(fake.threadStates.first)
        let data = fake.allocate(16)
        fake.set(threadState, at: data, 0)
        fake.set(fake.interpreter, at: data, 8)
        let binary = PythonBinary(path: "/usr/lib/libpython3.11.so", symbols: [:], dataSections: [(".data", data, 16)])
        let locator = InterpreterLocator(memory: fake.memory, layout: layout, maps: maps(covering: fake.memory))
        #expect(locator.locate(binary: binary, runtime: nil) == fake.interpreter)
    }

    @Test func prefersTheRuntimeSymbolAndRejectsInvalidCandidates() throws {
        var (fake, layout) = try fakeWithOneThread(PythonVersion(major: 3, minor: 11, micro: 7))
        let runtime = fake.allocate((layout.runtimeInterpretersHead ?? 0) + 16)
        let memoryMap = maps(covering: fake.memory)
        let binary = PythonBinary(path: "/usr/bin/python3.11", symbols: ["_PyRuntime": runtime], dataSections: [])
        // interpreters.head still NULL (not initialised yet): nothing valid to find.
        #expect(
            InterpreterLocator(memory: fake.memory, layout: layout, maps: memoryMap)
                .locate(binary: binary, runtime: runtime) == nil)
        fake.set(fake.interpreter, at: runtime, layout.runtimeInterpretersHead ?? 0)
        #expect(
            InterpreterLocator(memory: fake.memory, layout: layout, maps: memoryMap)
                .locate(binary: binary, runtime: runtime) == fake.interpreter)
    }

    @Test func findsTheVersionInSysVersionWhenThereIsNoSymbol() throws {
        var memory = FakeMemory()
        let bss = RemoteAddress(0x5000)
        let contents =
            [UInt8](repeating: 0, count: 100)
            + Array("2.7.18 (default, May  9 2026, 07:29:50) \n[GCC 12.2.0]".utf8) + [0]
        memory.write(contents, at: bss)
        let binary = PythonBinary(
            path: "/usr/lib/libpython2.7.so.1.0", symbols: [:],
            dataSections: [(".bss", bss, contents.count)])
        #expect(VersionDetector.detect(binary: binary, memory: memory)?.description == "2.7.18")
        let unknown = PythonBinary(path: "/usr/lib/libpython2.7.so.1.0", symbols: [:], dataSections: [])
        #expect(VersionDetector.detect(binary: unknown, memory: memory)?.description == "2.7.0")
    }

    @Test func readsPyVersionFirst() throws {
        var memory = FakeMemory()
        memory.write(UInt64(0x030C_01F0), at: RemoteAddress(0x9000))
        let binary = PythonBinary(
            path: "/usr/bin/python3", symbols: ["Py_Version": RemoteAddress(0x9000)], dataSections: [])
        #expect(VersionDetector.detect(binary: binary, memory: memory)?.description == "3.12.1")
    }
}
