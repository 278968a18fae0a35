import LiveTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Reads successive lines from a pipe without losing any: bytes past the first newline are kept for the next
/// call (`LineReader.firstLine` is for a single line and drops the rest). Bounded by a deadline per line.
final class BufferedLines {
    private let descriptor: Int32
    private var pending: [UInt8] = []

    init(_ descriptor: Int32) { self.descriptor = descriptor }

    func next(timeout: Duration = .seconds(30)) throws -> String {
        let deadline = ContinuousClock.now + timeout
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return line
            }
            let left = deadline - ContinuousClock.now
            guard left > .zero else { throw LiveTestError("no line within \(timeout)") }
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let milliseconds = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000
            let ready = poll(&request, 1, Int32(clamping: max(1, milliseconds)))
            if ready <= 0 { continue }
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw LiveTestError("the output closed before a full line") }
            pending.append(contentsOf: chunk[..<count])
        }
    }
}
