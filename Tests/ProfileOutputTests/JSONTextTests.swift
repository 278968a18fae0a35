import Testing

@testable import ProfileOutput

@Suite("JSON primitives")
struct JSONTextTests {
    @Test("serde_json escaping")
    func escaping() {
        #expect(JSONText.quoted("plain") == "\"plain\"")
        #expect(JSONText.quoted("a\"b\\c") == #""a\"b\\c""#)
        #expect(JSONText.quoted("\u{08}\u{0C}\n\r\t\u{00}\u{1B}") == #""\b\f\n\r\t\u0000\u001b""#)
        #expect(JSONText.quoted("/ \u{7F} é 测试 💩") == "\"/ \u{7F} é 测试 💩\"")
    }

    @Test("numbers")
    func numbers() {
        #expect(JSONText.number(0) == "0.0")
        #expect(JSONText.number(0.05) == "0.05")
        #expect(JSONText.number(.nan) == "null")
        #expect(JSONText.number(.infinity) == "null")
    }

    @Test("pretty and compact layouts")
    func layouts() {
        let value = JSONValue.object([("a", .array([])), ("b", .object([])), ("c", .array([.int(-1), .null]))])
        #expect(value.compactText() == #"{"a":[],"b":{},"c":[-1,null]}"#)
        #expect(value.prettyText() == "{\n  \"a\": [],\n  \"b\": {},\n  \"c\": [\n    -1,\n    null\n  ]\n}")
    }

    @Test("decimal helpers")
    func decimals() {
        #expect(DecimalText.fixed(25.5, decimals: 2) == "25.50")
        #expect(DecimalText.fixed(0.004, decimals: 2) == "0.00")
        #expect(DecimalText.fixed(-1.25, decimals: 1) == "-1.3" || DecimalText.fixed(-1.25, decimals: 1) == "-1.2")
        #expect(DecimalText.trimmed(1180, decimals: 2) == "1180")
        #expect(DecimalText.trimmed(10.5, decimals: 2) == "10.5")
        #expect(DecimalText.grouped(1_234_567) == "1,234,567")
        #expect(DecimalText.grouped(999) == "999")
    }
}
