#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
/// `write(2)`, named apart from `AtomicFile.write` so the member does not shadow it.
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif

/// Writes a whole file so that readers only ever see the old file or the complete new one.
///
/// A profiler is routinely stopped with Ctrl-C or killed by a timeout while it writes; writing straight to
/// the destination would leave a truncated SVG or JSON that fails to open long after the run. We write to a
/// temporary file in the destination's own directory (so the final `rename(2)` stays on one file system and
/// is atomic), flush it to disk, and rename it over the destination. On any failure the temporary file is
/// removed and the destination is left as it was.
///
/// The new file is created with mode 0666 minus the umask, like any ordinary output file. Note one
/// difference from writing in place: when the destination is a symbolic link, the link is replaced, not the
/// file it points to.
public enum AtomicFile {
    /// Replaces the file at `path` with `bytes`.
    public static func write(_ bytes: some Collection<UInt8>, to path: String) throws(OutputFileError) {
        try write(to: path) { emit in
            if bytes.withContiguousStorageIfAvailable(emit) == nil { Array(bytes).withUnsafeBufferPointer(emit) }
        }
    }

    /// Replaces the file at `path` with what `produce` hands to its `emit` function, piece by piece, so a large
    /// output never has to exist whole in memory. Pieces are gathered into 64 KiB writes.
    public static func write(
        to path: String, _ produce: (_ emit: (UnsafeBufferPointer<UInt8>) -> Void) -> Void
    ) throws(OutputFileError) {
        let directory = directoryName(of: path)
        let (descriptor, temporaryPath) = try createTemporaryFile(for: path, in: directory)
        var keepTemporary = false
        defer {
            if !keepTemporary { unlink(temporaryPath) }
        }

        var pending: [UInt8] = []
        pending.reserveCapacity(Self.chunkSize)
        var writeResult: Int32?
        produce { piece in
            guard writeResult == nil else { return }
            if pending.count + piece.count > Self.chunkSize, !pending.isEmpty {
                writeResult = pending.withUnsafeBufferPointer { writeAll($0, to: descriptor) }
                pending.removeAll(keepingCapacity: true)
            }
            if piece.count >= Self.chunkSize {
                writeResult = writeResult ?? writeAll(piece, to: descriptor)
            } else {
                pending.append(contentsOf: piece)
            }
        }
        if writeResult == nil, !pending.isEmpty {
            writeResult = pending.withUnsafeBufferPointer { writeAll($0, to: descriptor) }
        }
        var failure = writeResult
        if failure == nil, fsync(descriptor) != 0, errno != EINVAL {
            failure = errno
        }
        if close(descriptor) != 0, failure == nil, errno != EINTR {
            failure = errno
        }
        if let failure {
            throw .cannotWrite(path: path, errno: failure)
        }
        guard rename(temporaryPath, path) == 0 else {
            throw .cannotReplace(path: path, errno: errno)
        }
        keepTemporary = true
    }

    /// Replaces the file at `path` with the UTF-8 bytes of `text`.
    public static func write(_ text: String, to path: String) throws(OutputFileError) {
        try write(text.utf8, to: path)
    }

    /// The directory holding `path`: everything before the last `/`, `/` for files at the root, `.` for a
    /// bare file name.
    static func directoryName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = path[..<slash]
        return directory.isEmpty ? "/" : String(directory)
    }

    /// Opens a fresh `.<name>.<pid>.<random>.tmp` next to the destination; `O_EXCL` makes a name collision
    /// fail instead of clobbering, and we simply draw another name.
    private static func createTemporaryFile(
        for path: String, in directory: String
    ) throws(OutputFileError) -> (Int32, String) {
        let baseName = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? "output"
        var lastError: Int32 = EEXIST
        for _ in 0..<16 {
            let suffix = String(UInt32.random(in: .min ... .max), radix: 16)
            let candidate = "\(directory)/.\(baseName).\(getpid()).\(suffix).tmp"
            let descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if descriptor >= 0 { return (descriptor, candidate) }
            lastError = errno
            if lastError != EEXIST && lastError != EINTR { break }
        }
        throw .cannotCreate(path: path, directory: directory, errno: lastError)
    }

    private static var chunkSize: Int { 1 << 16 }

    /// Writes every byte, retrying short writes and `EINTR`; returns the errno of a failure, or nil.
    private static func writeAll(_ buffer: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Int32? {
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
