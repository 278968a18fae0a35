import Testing
@testable import PythonIntrospection

/// The text rules of `dump --locals` values, with plain inputs.
@Suite struct ReprTextTests {
    @Test(arguments: [
        (3.0, "3"), (-2.5, "-2.5"), (0.1, "0.1"), (1e20, "100000000000000000000"), (1e-7, "0.0000001"),
        (-0.0, "-0"), (0.0, "0"), (123.456, "123.456"), (1.0 / 3.0, "0.3333333333333333"),
        (Double.infinity, "inf"), (-Double.infinity, "-inf"), (Double.nan, "NaN"), (1e300, "1e300"),
        (1.5e-200, "1.5e-200"), (5e-324, "5e-324")
    ])
    func floatsLikeRustDisplay(value: Double, expected: String) {
        #expect(ReprText.float(value, budget: 128) == expected)
    }

    @Test func floatsFallBackToExponentThenEllipsis() {
        #expect(ReprText.float(1e20, budget: 20) == "1e20")
        #expect(ReprText.float(123456.789, budget: 6) == "...")
        #expect(ReprText.float(1e300, budget: 1000).count == 301)
    }

    @Test func decimalsOfBigInts() {
        // 2**100 and −(2**64 − 1), as 30-bit digits, least significant first.
        #expect(ReprText.decimal(digits: [0, 0, 0, 1 << 10], negative: false) == "1267650600228229401496703205376")
        #expect(ReprText.decimal(digits: [0x3FFF_FFFF, 0x3FFF_FFFF, 0xF], negative: true) == "-18446744073709551615")
        #expect(ReprText.decimal(digits: [], negative: false) == "0")
        #expect(ReprText.decimal(digits: [1_000_000_000 & 0x3FFF_FFFF], negative: false) == "1000000000")
    }

    @Test func escapes() {
        let pieces = "a\"b\\c\nd\u{7}é\u{85}😀".unicodeScalars.map { ReprText.escapedCharacter($0.value) }
        #expect(pieces.joined() == #"a\"b\\c\nd\x07é\x85😀"#)
        #expect(ReprText.escapedCharacter(0xDC80) == #"\udc80"#)
        #expect(ReprText.escapedCharacter(0x11_0000) == #"\U00110000"#)
        #expect([0x61, 0x00, 0x22, 0xFF, 0x0A].map(ReprText.escapedByte).joined() == #"a\x00\"\xff\n"#)
    }

    @Test func quotesAndCutsOnWholeCharacters() {
        let pieces = Array("abcdefghij").map(String.init)
        #expect(ReprText.quoted(pieces, complete: true, budget: 12) == "\"abcdefghij\"")
        #expect(ReprText.quoted(pieces, complete: true, budget: 11) == "\"abcdef...\"")
        #expect(ReprText.quoted(pieces, complete: false, budget: 100) == "\"abcdefghij...\"")
        #expect(ReprText.quoted(pieces, complete: true, prefix: "b", budget: 10) == "b\"abcd...\"")
        // An escape is never split.
        let escaped = ["a", "\\n", "\\n", "\\n"]
        #expect(ReprText.quoted(escaped, complete: true, budget: 9) == "\"a\\n\\n\\n\"")
        #expect(ReprText.quoted(escaped, complete: true, budget: 8) == "\"a\\n...\"")
        #expect(ReprText.quoted(pieces, complete: true, budget: 5) == "\"...\"")
        #expect(ReprText.quoted(pieces, complete: true, budget: 4) == "...")
    }

    @Test func collectionsKeepRoomForTheEllipsis() throws {
        var text = try #require(CollectionText(open: "[", close: "]", budget: 12))
        // 10 characters inside the brackets: an element followed by others must leave 5 for `, ...`.
        #expect(text.budgetForNext(isLast: false) == nil)
        #expect(text.budgetForNext(isLast: true) == 10)
        text.append("1")
        #expect(text.budgetForNext(isLast: false) == nil)
        #expect(text.budgetForNext(isLast: true) == 7)
        #expect(text.finished(truncated: true) == "[1, ...]")
        #expect(text.finished(truncated: false) == "[1]")
        let wide = try #require(CollectionText(open: "[", close: "]", budget: 20))
        #expect(wide.budgetForNext(isLast: false) == 13)
        #expect(CollectionText(open: "frozenset({", close: "})", budget: 15) == nil)
        #expect(CollectionText(open: "(", close: ")", budget: 5) == nil)
    }
}
