import CPythonLayouts
import MemoryTestSupport
import ProcessAccess
import Testing
@testable import PythonIntrospection

@Suite struct ObjectBatchTests {
    /// Joins every object the fake interpreter built into one region where they are (with a page of zeros
    /// after), so reads may run past an object's end as they can in a live heap.
    func contiguous(_ fake: FakeInterpreter) -> CountingMemory {
        let regions = fake.memory.regions.sorted { $0.key < $1.key }
        let start = regions[0].key.rawValue
        let end = regions.map { $0.key.rawValue + UInt64($0.value.count) }.max() ?? start
        var bytes = [UInt8](repeating: 0, count: Int(end - start) + 8192)
        for (address, region) in regions {
            let offset = Int(address.rawValue - start)
            bytes.replaceSubrange(offset..<offset + region.count, with: region)
        }
        let memory = CountingMemory()
        memory.memory.write(bytes, at: RemoteAddress(start))
        return memory
    }

    @Test(arguments: [6, 10, 11, 12, 13, 14])
    func readsStringsBytesAndSizesInTwoCalls(minor: Int) throws {
        let version = PythonVersion(major: 3, minor: minor, micro: 0)
        let layout = try #require(PythonLayout.forVersion(major: 3, minor: minor))
        var fake = FakeInterpreter(layout: layout, version: version)
        let longTable = (0..<3000).map { UInt8(truncatingIfNeeded: $0) }
        let built = [
            fake.makeString("/usr/lib/python3/dist-packages/some/module.py"), fake.makeString("schläfer_λ"),
            fake.makeString("𝔘nicode"), fake.makeString(""), fake.makeBytes([1, 2, 3]), fake.makeBytes(longTable),
            fake.makeBytes([])
        ]
        let memory = contiguous(fake)
        let moved = built
        let objects = ObjectReader(memory: memory, layout: layout, isPython2: false)
        let requests: [ObjectRequest] = [
            .string(moved[0]), .string(moved[1]), .string(moved[2]), .string(moved[3]), .bytes(moved[4]),
            .bytes(moved[5]), .bytes(moved[6]), .size(moved[5])
        ]
        let batch = try #require(objects.batch(requests))
        #expect(
            batch == [
                .string("/usr/lib/python3/dist-packages/some/module.py"), .string("schläfer_λ"), .string("𝔘nicode"),
                .string(""), .bytes([1, 2, 3]), .bytes(longTable), .bytes([]), .size(3000)
            ])
        // Headers (with every short payload) in one call; the 3000-byte table did not fit and took a second.
        #expect(memory.calls == 2)
        // The same answers one object at a time.
        #expect(try objects.string(at: moved[1]) == "schläfer_λ")
        #expect(try objects.bytes(at: moved[5]) == longTable)
    }

    @Test func declinesWhatItCannotDecideAlone() throws {
        let layout = try #require(PythonLayout.forVersion(major: 3, minor: 12))
        var fake = FakeInterpreter(layout: layout, version: PythonVersion(major: 3, minor: 12, micro: 0))
        let legacy = fake.makeString("abc")
        fake.set(UInt32(1 << 2 | 1 << 6), at: legacy, layout.unicodeState ?? 0)  // not compact: data elsewhere
        let huge = fake.makeString("abc")
        fake.set(Int64(1 << 40), at: huge, layout.unicodeLength ?? 0)
        let good = fake.makeString("ok")
        let memory = contiguous(fake)
        let moved = [legacy, huge, good]
        let objects = ObjectReader(memory: memory, layout: layout, isPython2: false)
        #expect(objects.batch([.string(moved[2]), .string(moved[0])]) == nil)
        #expect(objects.batch([.string(moved[1])]) == nil)
        #expect(objects.batch([.string(moved[2]), .string(RemoteAddress(0x10))]) == nil)
        #expect(objects.batch([.string(moved[2])]) == [.string("ok")])
        let python2 = ObjectReader(memory: memory, layout: layout, isPython2: true)
        #expect(python2.batch([.string(moved[2])]) == nil)
    }

    @Test(arguments: [7, 10, 12])
    func decodesACodeObjectsFieldsInTwoCalls(minor: Int) throws {
        let layout = try #require(PythonLayout.forVersion(major: 3, minor: minor))
        var fake = FakeInterpreter(layout: layout, version: PythonVersion(major: 3, minor: minor, micro: 0))
        let code = fake.makeCode(name: "handler", filename: "/srv/app/views.py", firstLine: 7)
        let memory = contiguous(fake)
        let objects = ObjectReader(memory: memory, layout: layout, isPython2: false)
        let cache = CodeObjectCache(
            objects: objects,
            format: try #require(
                FrameChain.forVersion(
                    PythonVersion(major: 3, minor: minor, micro: 0))
            ).lineTableFormat)
        cache.beginSample()
        let info = try cache.info(for: code)
        #expect(info.frameCode.name == "handler" && info.frameCode.filename == "/srv/app/views.py")
        #expect(info.firstLine == 7 && info.bytecodeLength == 32)
        // The code object's header, then its name, file, line table (and co_code's size) in one call.
        #expect(memory.calls == 2)
    }

    @Test func fallsBackToTheOldReadsAndErrors() throws {
        let layout = try #require(PythonLayout.forVersion(major: 3, minor: 11))
        var fake = FakeInterpreter(layout: layout, version: PythonVersion(major: 3, minor: 11, micro: 0))
        let code = fake.makeCode(name: "f", filename: "/f.py", firstLine: 1)
        fake.set(RemoteAddress(0x99_0000), at: code, layout.codeName)
        let objects = ObjectReader(memory: fake.memory, layout: layout, isPython2: false)
        let cache = CodeObjectCache(objects: objects, format: .locationTable)
        cache.beginSample()
        let wanted = max(layout.asciiObjectSize ?? 0, (layout.unicodeState ?? 0) + 4)
        #expect(throws: MemoryReadError.badAddress(RemoteAddress(0x99_0000), count: wanted)) {
            try cache.info(for: code)
        }
    }
}
