import Testing

@testable import LiveView

@Suite("top keys")
struct TopKeyTests {
    @Test("digits sort, letters act in either case, Ctrl-C and q quit")
    func keys() {
        #expect(
            TopKey.parse(Array("1234lLrR?xXqQ".utf8) + [3]) == [
                .sort(.ownPercent), .sort(.totalPercent), .sort(.ownTime), .sort(.totalTime),
                .toggleLineAggregation, .toggleLineAggregation, .reset, .reset, .showHelp, .hideHelp, .hideHelp,
                .quit, .quit, .quit
            ])
    }

    @Test("unknown bytes and whole escape sequences are ignored")
    func escapes() {
        // Up arrow, Ctrl-Up (`ESC [ 1 ; 5 A`, whose `1` must not sort), F1 (`ESC O P`), then a real `2`.
        let input: [UInt8] = [0x1B, 0x5B, 0x41] + Array("\u{1B}[1;5A".utf8) + [0x1B, 0x4F, 0x50] + Array("z5 2".utf8)
        #expect(TopKey.parse(input) == [.sort(.totalPercent)])
    }

    @Test("sorting by the sorted column again reverses it; another column sorts largest first")
    func sortToggling() {
        var options = TopViewOptions()
        #expect(options.sortColumn == .ownTime && options.descending)
        options.apply(.sort(.ownTime))
        #expect(options.sortColumn == .ownTime && !options.descending)
        options.apply(.sort(.totalPercent))
        #expect(options.sortColumn == .totalPercent && options.descending)
        options.apply(.showHelp)
        options.apply(.toggleLineAggregation)
        #expect(options.showHelp && options.byLine)
        options.apply(.hideHelp)
        #expect(!options.showHelp)
    }
}
