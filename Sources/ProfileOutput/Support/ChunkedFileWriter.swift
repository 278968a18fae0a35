#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
/// `write(2)`, named apart from the writer's own methods so they do not shadow it.
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif

/// Gathers the pieces a writer emits into 64 KiB `write(2)` calls on one descriptor, and remembers the first
/// failure so the rest of the output is skipped rather than written after a hole.
struct ChunkedFileWriter {
    let descriptor: Int32
    private var pending: [UInt8] = []
    /// The `errno` of the first failed write, if any.
    private(set) var failure: Int32?

    init(descriptor: Int32) {
        self.descriptor = descriptor
        pending.reserveCapacity(Self.chunkSize)
    }

    /// Writes everything `produce` emits, then what is still buffered; returns the errno of a failure, or nil.
    static func writeAll(
        to descriptor: Int32,
        _ produce: (_ emit: (UnsafeBufferPointer<UInt8>) -> Void) -> Void
    ) -> Int32? {
        var writer = ChunkedFileWriter(descriptor: descriptor)
        produce { writer.append($0) }
        writer.flush()
        return writer.failure
    }

    mutating func append(_ piece: UnsafeBufferPointer<UInt8>) {
        guard failure == nil else { return }
        if pending.count + piece.count > Self.chunkSize, !pending.isEmpty { flush() }
        if piece.count >= Self.chunkSize {
            failure = failure ?? Self.writeEvery(piece, to: descriptor)
        } else {
            pending.append(contentsOf: piece)
        }
    }

    mutating func flush() {
        guard failure == nil, !pending.isEmpty else { return }
        failure = pending.withUnsafeBufferPointer { Self.writeEvery($0, to: descriptor) }
        pending.removeAll(keepingCapacity: true)
    }

    private static var chunkSize: Int { 1 << 16 }

    /// Writes every byte, retrying short writes and `EINTR`; returns the errno of a failure, or nil.
    private static func writeEvery(_ buffer: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Int32? {
        guard var cursor = buffer.baseAddress else { return nil }
        var remaining = buffer.count
        while remaining > 0 {
            let written = systemWrite(descriptor, cursor, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            cursor += written
            remaining -= written
        }
        return nil
    }
}
