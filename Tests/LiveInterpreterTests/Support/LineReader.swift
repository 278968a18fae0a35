import LiveTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Reads the first line a child writes to a pipe, giving up at a deadline.
///
/// `FileHandle` has no timed read, and a target that hangs before printing must fail the test, not hang it; so this
/// polls the descriptor with the time left. The poll timeout bounds a failure, it never paces a success: the line
/// is returned as soon as it arrives.
enum LineReader {
    static func firstLine(from descriptor: Int32, timeout: Duration) throws -> String {
        let deadline = ContinuousClock.now + timeout
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            if let newline = received.firstIndex(of: UInt8(ascii: "\n")) {
                return String(decoding: received[..<newline], as: UTF8.self)
            }
            let left = deadline - ContinuousClock.now
            guard left > .zero else {
                throw LiveTestError("no line within \(timeout) (got \(received.count) bytes: \(preview(received)))")
            }
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&request, 1, Int32(clamping: milliseconds(left)))
            if ready < 0 {
                if errno == EINTR { continue }
                throw LiveTestError("poll failed: errno \(errno)")
            }
            if ready == 0 { continue }  // timed out: the deadline check above reports it
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw LiveTestError("read failed: errno \(errno)")
            }
            if count == 0 {
                throw LiveTestError("the child closed its output before a full line (got: \(preview(received)))")
            }
            received.append(contentsOf: chunk[..<count])
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1
    }

    private static func preview(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix(500), as: UTF8.self)
    }
}
