import Testing

@testable import LiveView

@Suite("top number and label formatting")
struct TopFormatTests {
    @Test("times lose decimals as they grow (reference §4.2)")
    func seconds() {
        #expect(TopFormat.seconds(0) == "0.000")
        #expect(TopFormat.seconds(0.08) == "0.080")
        #expect(TopFormat.seconds(0.9996) == "1.000")
        #expect(TopFormat.seconds(1) == "1.00")
        #expect(TopFormat.seconds(3) == "3.00")
        #expect(TopFormat.seconds(99.99) == "99.99")
        #expect(TopFormat.seconds(100) == "100.0")
        #expect(TopFormat.seconds(123.45) == "123.5")
        #expect(TopFormat.seconds(1000) == "1000.0")
        #expect(TopFormat.seconds(1234.5) == "1235")
    }

    @Test("percentages: two decimals right-aligned in six columns, then %")
    func percent() {
        #expect(TopFormat.percent(100) == "100.00%")
        #expect(TopFormat.percent(0) == "  0.00%")
        #expect(TopFormat.percent(12.345) == " 12.35%")
        #expect(TopFormat.percent(1396) == "1396.00%")
    }

    @Test("long labels keep the function and the end of the file")
    func labels() {
        let key = FrameKey(name: "handle", file: "/srv/app/handlers/requests.py", line: 120)
        #expect(TopFormat.label(key, width: 60) == "handle (/srv/app/handlers/requests.py:120)")
        #expect(TopFormat.label(key, width: 30) == "handle (…lers/requests.py:120)")
        #expect(TopFormat.label(key, width: 30).count == 30)
        #expect(TopFormat.label(key, width: 12) == "handle (/sr…")
        #expect(TopFormat.label(FrameKey(name: "thread (12)", file: "", line: 0), width: 8) == "thread …")
        #expect(TopFormat.truncate("abc", 0) == "")
        #expect(TopFormat.truncate("abc", 1) == "…")
    }

    @Test("escape sequences do not count towards a line's width")
    func visibleWidth() {
        #expect(ANSIText.visibleCount("\u{1B}[7m ab\u{1B}[1mc\u{1B}[22m \u{1B}[0m") == 5)
        #expect(ScreenText.sanitized("evil\u{1B}[2Jname\u{9B}") == "evil?[2Jname?")
    }
}
