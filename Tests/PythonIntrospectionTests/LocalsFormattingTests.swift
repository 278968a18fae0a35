import MemoryTestSupport
import CPythonLayouts
import ProcessAccess
import Testing
@testable import PythonIntrospection

/// `dump --locals` values built in fake memory for every layout table: each kind of value, the budget, and
/// corrupt or hostile objects (cycles, huge lengths, deep nesting, bad pointers) that must end in a short text.
@Suite struct LocalsFormattingTests {
    static let versions = FakeMemoryWalkTests.versions

    /// A fake interpreter with the value types made, and a way to format what it holds.
    struct Fixture {
        var fake: FakeInterpreter
        let types: FakeInterpreter.ValueTypes

        init(_ version: PythonVersion) throws {
            let layout = try #require(PythonLayout.forVersion(major: version.major, minor: version.minor))
            fake = FakeInterpreter(layout: layout, version: version)
            types = fake.withValueTypes()
        }

        var isPython2: Bool { fake.isPython2 }

        func format(_ object: RemoteAddress, budget: Int = 128) -> String? {
            let objects = ObjectReader(memory: fake.memory, layout: fake.layout, isPython2: isPython2)
            return ValueFormatter(objects: objects, dicts: DictReader(objects: objects)).format(object, budget: budget)
        }

        mutating func int(_ value: Int64) -> RemoteAddress { fake.makeInt(value, types) }
        mutating func str(_ text: String) -> RemoteAddress {
            isPython2 && !text.unicodeScalars.allSatisfy(\.isASCII)
                ? fake.makePython2Unicode(text, types) : fake.makeString(text)
        }
        mutating func list(_ items: [RemoteAddress]) -> RemoteAddress { fake.makeList(items, types) }
        mutating func tuple(_ items: [RemoteAddress]) -> RemoteAddress { fake.makeTuple(items, types) }
    }

    @Test("Numbers, None and bools", arguments: versions)
    func numbers(version: PythonVersion) throws {
        var f = try Fixture(version)
        let small = [f.int(0), f.int(1), f.int(-12345), f.int(1 << 62)]
        let twoTo100 = f.fake.makeLong(digits: [0, 0, 0, 1 << 10], negative: false, type: f.types.long)
        let negative = f.fake.makeLong(digits: [5, 0, 0, 1], negative: true, type: f.types.long)
        let huge = f.fake.makeLong(digits: Array(repeating: 0, count: 100) + [1], negative: false, type: f.types.long)
        let hugeNegative = f.fake.makeLong(digits: Array(repeating: 7, count: 50), negative: true, type: f.types.long)
        let floats = [f.fake.makeFloat(3.0, f.types), f.fake.makeFloat(-0.25, f.types)]
        let bools = [f.fake.makeBool(true, f.types), f.fake.makeBool(false, f.types)]
        let none = f.fake.makeNone(f.types)

        #expect(small.map { f.format($0) } == ["0", "1", "-12345", "4611686018427387904"])
        #expect(f.format(twoTo100) == "1267650600228229401496703205376")
        #expect(f.format(negative) == "-1237940039285380274899124229")
        // 2**3000 has 904 decimal digits: more than the budget, so py-spy's marker.
        #expect(f.format(huge) == "+bigint")
        #expect(f.format(huge, budget: 1000)?.count == 904)
        #expect(f.format(hugeNegative) == "-bigint")
        #expect(floats.map { f.format($0) } == ["3", "-0.25"])
        #expect(bools.map { f.format($0) } == ["True", "False"])
        #expect(f.format(none) == "None")
    }

    @Test("Strings and bytes", arguments: versions)
    func text(version: PythonVersion) throws {
        var f = try Fixture(version)
        let strings = ["", "two", "héllo", "λ睡", "a😀", "say \"hi\"\\\n"].map { f.str($0) }
        let bytes = f.fake.makeBytes([0x61, 0x00, 0x22, 0xFF])
        let long = f.str(String(repeating: "é", count: 300))

        #expect(
            strings.map { f.format($0) } == [
                "\"\"", "\"two\"", "\"héllo\"", "\"λ睡\"", "\"a😀\"", #""say \"hi\"\\\n""#
            ])
        // Python 2's `str` is bytes, shown as text decoded from UTF-8 as py-spy does.
        #expect(f.format(bytes) == (f.isPython2 ? "\"a\\x00\\\"\u{FFFD}\"" : #"b"a\x00\"\xff""#))
        #expect(f.format(long) == "\"" + String(repeating: "é", count: 123) + "...\"")
        #expect(f.format(long, budget: 256) == "\"" + String(repeating: "é", count: 251) + "...\"")
    }

    @Test("Tuples, lists, dicts, sets and other objects", arguments: versions)
    func containers(version: PythonVersion) throws {
        var f = try Fixture(version)
        let one = f.int(1), two = f.str("two"), none = f.fake.makeNone(f.types), yes = f.fake.makeBool(true, f.types)
        let empty = f.tuple([]), single = f.tuple([one]), pair = f.tuple([one, two])
        let emptyList = f.list([]), list = f.list([one, two, none, yes])
        let k = f.str("k"), gone = f.str("gone"), oneTwo = f.tuple([one, f.int(2)])
        let dict = f.fake.makeDict([(k, oneTwo), (gone, nil), (one, emptyList)], f.types).dict
        let unicodeDict = f.fake.makeDict([(k, one)], f.types, unicodeKeys: true).dict
        let emptyDict = f.fake.makeDict([], f.types).dict
        let set = f.fake.makeSet([one, two], deleted: 2, f.types)
        let emptySet = f.fake.makeSet([], f.types)
        let frozen = f.fake.makeSet([one], frozen: true, f.types)
        let emptyFrozen = f.fake.makeSet([], frozen: true, f.types)
        let custom = f.fake.makeObject(f.types.custom, size: 16)
        let half = f.fake.makeFloat(0.5, f.types)
        let nested = f.list([f.tuple([f.list([single])]), half])

        #expect([empty, single, pair].map { f.format($0) } == ["()", "(1,)", "(1, \"two\")"])
        #expect([emptyList, list].map { f.format($0) } == ["[]", "[1, \"two\", None, True]"])
        #expect(f.format(dict) == "{\"k\": (1, 2), 1: []}")
        #expect(f.format(unicodeDict) == "{\"k\": 1}")
        #expect(f.format(emptyDict) == "{}")
        #expect(f.format(set) == "{1, \"two\"}")
        #expect(f.format(emptySet) == "set()")
        #expect(f.format(frozen) == "frozenset({1})")
        #expect(f.format(emptyFrozen) == "frozenset()")
        #expect(f.format(custom) == "<Custom at 0x\(String(custom.rawValue, radix: 16))>")
        #expect(f.format(nested) == "[([(1,)],), 0.5]")
    }

    @Test("Long containers end in ... within the budget")
    func budget() throws {
        var f = try Fixture(PythonVersion(major: 3, minor: 12, micro: 0))
        let numbers = (0..<100).map { f.int(Int64($0)) }
        let list = f.list(numbers)
        let longString = f.str(String(repeating: "x", count: 200))
        let seven = f.int(7)
        let strings = f.list([longString, seven])
        let shortThenLong = f.list([seven, longString])

        let text = try #require(f.format(list))
        #expect(text.hasPrefix("[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11"))
        #expect(text.hasSuffix(", ...]"))
        #expect(text.count <= 128)
        let wider = try #require(f.format(list, budget: 256))
        #expect(wider.count <= 256 && wider.count > 200 && wider.hasSuffix(", ...]"))
        // Elements share the budget: a long first string leaves room only for the final `...`.
        let cut = try #require(f.format(strings))
        #expect(cut.hasPrefix("[\"xxx") && cut.hasSuffix("...\", ...]") && cut.count == 128)
        let last = try #require(f.format(shortThenLong))
        #expect(last.hasPrefix("[7, \"xxx") && last.hasSuffix("...\"]") && last.count == 128)
        #expect(f.format(list, budget: 5) == "...")
        #expect(f.format(list, budget: 8) == "[...]")
        #expect(f.format(list, budget: 13) == "[0, ...]")
    }

    @Test("A huge list stops at the object allowance, even with a huge budget")
    func objectAllowance() throws {
        var f = try Fixture(PythonVersion(major: 3, minor: 10, micro: 0))
        let one = f.int(1)
        let list = f.list(Array(repeating: one, count: 6000))
        let text = try #require(f.format(list, budget: 128 * 1024))
        let shown = text.split(separator: ",").filter { $0.hasSuffix("1") }.count
        #expect(text.hasSuffix(", ...]"))
        #expect(shown == ValueFormatter<FakeMemory>.maxObjects - 1)
    }

    @Test("Results never exceed the budget", arguments: [6, 7, 8, 9, 10, 13, 20, 37, 64, 128])
    func neverOverBudget(budget: Int) throws {
        var f = try Fixture(PythonVersion(major: 3, minor: 11, micro: 0))
        var generator = SplitMix(seed: UInt64(budget))
        var pool: [RemoteAddress] = [f.int(5), f.str("hello"), f.fake.makeNone(f.types), f.fake.makeFloat(2.5, f.types)]
        for _ in 0..<60 {
            let picks = (0..<Int(generator.next() % 6)).map { _ in pool[Int(generator.next() % UInt64(pool.count))] }
            let made: RemoteAddress
            switch generator.next() % 5 {
            case 0: made = f.list(picks)
            case 1: made = f.tuple(picks)
            case 2:
                var entries: [(key: RemoteAddress, value: RemoteAddress?)] = []
                for pick in picks { entries.append((key: f.str("k"), value: pick)) }
                made = f.fake.makeDict(entries, f.types).dict
            case 3: made = f.fake.makeSet(picks, f.types)
            default: made = f.str(String(repeating: "ü", count: Int(generator.next() % 40)))
            }
            pool.append(made)
        }
        for object in pool {
            let text = try #require(f.format(object, budget: budget))
            #expect(text.unicodeScalars.count <= budget, "\(text)")
        }
    }

    @Test("A list containing itself prints as Python does", arguments: versions)
    func cycles(version: PythonVersion) throws {
        var f = try Fixture(version)
        let one = f.int(1)
        let list = f.list([one, .null])
        let array = try f.fake.memory.readPointer(list + f.fake.layout.listItems)
        f.fake.set(list, at: array, 8)
        #expect(f.format(list) == "[1, [...]]")
        // Through a dict: d = {"self": [d]}
        let inner = f.list([.null])
        let key = f.str("self")
        let dict = f.fake.makeDict([(key, inner)], f.types).dict
        let innerArray = try f.fake.memory.readPointer(inner + f.fake.layout.listItems)
        f.fake.set(dict, at: innerArray, 0)
        #expect(f.format(dict) == "{\"self\": [{...}]}")
    }

    @Test("Corrupt lengths stop where readable memory does", arguments: versions)
    func corruptLengths(version: PythonVersion) throws {
        var f = try Fixture(version)
        let a = f.str("a"), one = f.int(1), b = f.str("b"), two = f.int(2), nine = f.int(9)
        let (dict, keys) = f.fake.makeDict([(a, one), (b, two)], f.types)
        f.fake.set(Int64(1) << 40, at: dict, f.fake.layout.dictUsed)
        if let nentries = f.fake.layout.dictKeysNentries {
            f.fake.set(Int64(1) << 40, at: keys, nentries)
        } else {
            f.fake.set(Int64(1) << 40, at: dict, f.fake.layout.dictMask ?? 0)
        }
        #expect(f.format(dict) == "{\"a\": 1, \"b\": 2, ...}")

        let list = f.list([one, two])
        f.fake.set(Int64.max, at: list, f.fake.layout.varObjectSize)
        #expect(f.format(list) == "[1, 2, ...]")
        f.fake.set(Int64(-3), at: list, f.fake.layout.varObjectSize)
        #expect(f.format(list) == nil)

        let set = f.fake.makeSet([nine], f.types)
        f.fake.set(Int64.max, at: set, f.fake.layout.setMask ?? 0)
        let text = try #require(f.format(set))
        #expect(text.hasPrefix("{9") && text.count <= 128)

        let string = f.str("hello")
        f.fake.set(Int64(1) << 40, at: string, f.fake.layout.unicodeLength ?? f.fake.layout.varObjectSize)
        #expect(f.format(string) == nil)

        let big = f.fake.makeLong(digits: [1, 2, 3], negative: false, type: f.types.long)
        if let tag = f.fake.layout.longTag {
            f.fake.set(UInt64.max, at: big, tag)
        } else {
            f.fake.set(Int64.min, at: big, f.fake.layout.varObjectSize)
        }
        #expect(f.format(big).map { ["+bigint", "-bigint"].contains($0) } == true)
    }

    @Test("Deep nesting ends at the depth limit")
    func deepNesting() throws {
        var f = try Fixture(PythonVersion(major: 3, minor: 13, micro: 0))
        var value = f.int(0)
        // Built inside out; each step reads `value` before `f` is mutated again.
        for _ in 0..<200 { value = f.list([value]) }
        let text = try #require(f.format(value, budget: 128 * 64))
        #expect(text.hasPrefix(String(repeating: "[", count: 32) + "...]"))
        #expect(text.count == 32 + 3 + 32)
    }

    @Test("Unreadable objects give ? inside containers and nil at the top", arguments: versions)
    func unreadable(version: PythonVersion) throws {
        var f = try Fixture(version)
        let garbage = RemoteAddress(0xDEAD_0000)
        let one = f.int(1), k = f.str("k")
        let withGarbage = f.list([one, garbage, .null])
        let dict = f.fake.makeDict([(garbage, one), (k, garbage)], f.types).dict
        // A type whose name cannot be read.
        let badType = f.fake.makeType(flags: 0)
        f.fake.set(garbage, at: badType, f.fake.layout.typeName)
        let badObject = f.fake.makeObject(badType, size: 16)
        // A list whose item array is gone.
        let list = f.list([one])
        f.fake.set(garbage, at: list, f.fake.layout.listItems)

        #expect(f.format(garbage) == nil)
        #expect(f.format(withGarbage) == "[1, ?, ?]")
        #expect(f.format(dict) == "{?: 1, \"k\": ?}")
        #expect(f.format(badObject) == nil)
        #expect(f.format(list) == nil)
    }
}

/// A small deterministic generator (SplitMix64), so random structures are the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
