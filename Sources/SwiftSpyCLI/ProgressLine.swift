import ProfileModel
#if canImport(Glibc)
import Glibc
#endif

/// The live status line `record` shows on a terminal: samples so far, errors, and how far behind schedule
/// sampling is when it cannot keep up. Redrawn at most 10 times a second, on stderr, and only on a terminal.
struct ProgressLine {
    let enabled: Bool
    private var lastDraw: Duration?
    private var drewSomething = false

    init(enabled: Bool = isatty(STDERR_FILENO) == 1) { self.enabled = enabled }

    mutating func update(now: Duration, samples: Int, errors: Int, behind: Duration, rate: Int, force: Bool = false) {
        guard enabled, force || lastDraw.map({ now - $0 >= .milliseconds(100) }) ?? true else { return }
        lastDraw = now
        var text = "\r\u{1B}[2KCollected \(samples) samples"
        if errors > 0 { text += " (\(errors) errors)" }
        if behind > .seconds(1) {
            text +=
                " \u{1B}[31m\(Self.seconds(behind.inSeconds)) behind in sampling, results may be inaccurate. "
                + "Try reducing the sampling rate (now \(rate)/s)\u{1B}[0m"
        }
        write(text)
        drewSomething = true
    }

    /// Ends the line so that later messages start on a fresh one.
    mutating func finish() {
        if enabled, drewSomething { write("\r\u{1B}[2K") }
        drewSomething = false
    }

    private func write(_ text: String) {
        _ = text.withCString { Glibc.write(STDERR_FILENO, $0, strlen($0)) }
    }

    /// `1.66s`, as py-spy prints delays.
    static func seconds(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)s"
    }
}
