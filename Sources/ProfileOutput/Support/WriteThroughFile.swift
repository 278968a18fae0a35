#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A destination that is not a regular file, a character device (`/dev/null`, a terminal) or a FIFO or pipe,
/// opened and written in place as any program writing to it would: replacing it with a file would break
/// something the user (or the system, for `/dev/null`) relies on.
///
/// A device is opened when the recording starts, so a refusal is reported before sampling. A FIFO cannot be
/// opened for writing until someone opens it for reading, so it is opened without waiting if a reader is
/// there already, and otherwise when the profile is written, waiting for a reader up to a deadline.
final class WriteThroughFile {
    let path: String
    private var descriptor: Int32?
    let isFIFO: Bool

    init(path: String, isFIFO: Bool) throws(OutputFileError) {
        self.path = path
        self.isFIFO = isFIFO
        if isFIFO {
            guard access(path, W_OK) == 0 else { throw .cannotOpen(path: path, errno: errno) }
            descriptor = Self.openWithoutWaiting(path)
        } else {
            let opened = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
            guard opened >= 0 else { throw .cannotOpen(path: path, errno: errno) }
            descriptor = opened
        }
    }

    deinit { if let descriptor { close(descriptor) } }

    /// Writes the whole output, waiting at most `readerDeadline` for a FIFO's reader, and closes the file.
    /// `notice` is told once when the wait begins, so a user who forgot to start the reader knows why.
    func write(
        readerDeadline: Duration, notice: (String) -> Void,
        _ produce: (_ emit: (UnsafeBufferPointer<UInt8>) -> Void) -> Void
    ) throws(OutputFileError) {
        let target: Int32
        if let descriptor {
            target = descriptor
        } else {
            target = try waitForReader(deadline: readerDeadline, notice: notice)
        }
        descriptor = nil
        defer { close(target) }
        let failure =
            isFIFO
            ? Self.withPipeSignalSuppressed { ChunkedFileWriter.writeAll(to: target, produce) }
            : ChunkedFileWriter.writeAll(to: target, produce)
        if let failure { throw .cannotWrite(path: path, errno: failure) }
    }

    /// A FIFO's write end if a reader has it open now, switched back to blocking writes; nil when none has.
    private static func openWithoutWaiting(_ path: String) -> Int32? {
        let opened = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        guard opened >= 0 else { return nil }
        _ = fcntl(opened, F_SETFL, fcntl(opened, F_GETFL) & ~O_NONBLOCK)
        return opened
    }

    private func waitForReader(deadline: Duration, notice: (String) -> Void) throws(OutputFileError) -> Int32 {
        let clock = ContinuousClock()
        let end = clock.now + deadline
        notice("Waiting up to \(deadline.components.seconds) s for a reader of the FIFO '\(path)'.")
        while true {
            if let opened = Self.openWithoutWaiting(path) { return opened }
            let reason = errno
            // ENXIO: no reader yet. Anything else will not get better by waiting.
            guard reason == ENXIO || reason == EINTR else { throw .cannotOpen(path: path, errno: reason) }
            guard clock.now < end else { throw .noReader(path: path, waited: deadline) }
            usleep(20_000)
        }
    }

    /// Runs `body` with SIGPIPE blocked for this thread, and takes back a SIGPIPE the write raised, so a reader
    /// that goes away makes the write fail with EPIPE (an error message) instead of killing swiftspy. The
    /// signal's disposition is left alone: programs swiftspy launches inherit it.
    private static func withPipeSignalSuppressed(_ body: () -> Int32?) -> Int32? {
        var pipeOnly = sigset_t()
        sigemptyset(&pipeOnly)
        sigaddset(&pipeOnly, SIGPIPE)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &pipeOnly, &previous)
        let wasBlocked = sigismember(&previous, SIGPIPE) == 1
        let failure = body()
        if failure == EPIPE, !wasBlocked {
            var pending = sigset_t()
            sigpending(&pending)
            if sigismember(&pending, SIGPIPE) == 1 {
                var immediately = timespec(tv_sec: 0, tv_nsec: 0)
                _ = sigtimedwait(&pipeOnly, nil, &immediately)
            }
        }
        if !wasBlocked { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return failure
    }
}
