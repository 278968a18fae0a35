#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a profile will be written, prepared when the recording starts: a path that can never be written is
/// refused before any sampling, and the file is never something the user did not mean to replace.
///
/// - A regular file, or a name that does not exist yet: replaced atomically (`TemporaryFile`), so a reader
///   only ever sees the old file or the complete new one, however the run ends.
/// - A symbolic link: the file it points to is replaced that way, beside it, and the link is kept. A dangling
///   link gets its target created.
/// - A character device or a FIFO (`/dev/null`, a terminal, `/dev/stdout` on a pipe): written in place
///   (`WriteThroughFile`). Replacing `/dev/null` with a plain file, as a rename would, breaks the system.
/// - A directory, a block device (a disk: a profile written over it would destroy it) or a socket: refused.
package final class OutputDestination {
    /// The path as the user gave it.
    package let path: String
    private let target: Target
    /// How long writing to a FIFO waits for a reader to open it before giving up.
    private let readerDeadline: Duration

    private enum Target {
        case replaced(TemporaryFile, finalPath: String)
        case writtenThrough(WriteThroughFile)
    }

    /// Prepares `path`; a new file is given to `owner` when one is named (the sudo user). A FIFO with no
    /// reader yet is waited for at most `readerDeadline` when the profile is written.
    package init(path: String, owner: FileOwner? = nil, readerDeadline: Duration = .seconds(60))
        throws(OutputFileError)
    {
        guard !path.isEmpty else { throw .unsuitable(path: path, reason: "the name is empty") }
        self.path = path
        self.readerDeadline = readerDeadline
        var info = stat()
        if stat(path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                let finalPath = Self.isSymbolicLink(path) ? (Self.realPath(path) ?? path) : path
                target = .replaced(
                    try Self.temporary(for: finalPath, reportedAs: path, owner: owner),
                    finalPath: finalPath)
            case S_IFCHR:
                target = .writtenThrough(try WriteThroughFile(path: path, isFIFO: false))
            case S_IFIFO:
                target = .writtenThrough(try WriteThroughFile(path: path, isFIFO: true))
            case S_IFDIR:
                throw .unsuitable(path: path, reason: "it is a directory")
            case S_IFBLK:
                throw .unsuitable(path: path, reason: "it is a block device, which a profile would overwrite")
            case S_IFSOCK:
                throw .unsuitable(path: path, reason: "it is a socket, which cannot be opened as a file")
            default:
                throw .unsuitable(path: path, reason: "it is not a regular file")
            }
        } else {
            let finalPath = try Self.danglingLinkTarget(path)
            target = .replaced(
                try Self.temporary(for: finalPath, reportedAs: path, owner: owner),
                finalPath: finalPath)
        }
    }

    /// Writes what `produce` hands to its `emit` function, piece by piece (a large output never has to exist
    /// whole in memory), and puts it in place. `notice` hears of a wait for a FIFO's reader.
    package func write(
        notice: (String) -> Void = OutputDestination.printToStandardError,
        _ produce: (_ emit: (UnsafeBufferPointer<UInt8>) -> Void) -> Void
    ) throws(OutputFileError) {
        switch target {
        case let .replaced(temporary, finalPath):
            defer { temporary.discard() }
            if let failure = ChunkedFileWriter.writeAll(to: temporary.descriptor, produce) {
                throw .cannotWrite(path: path, errno: failure)
            }
            do { try temporary.commit(to: finalPath) } catch { throw error.reported(as: path) }
        case let .writtenThrough(file):
            try file.write(readerDeadline: readerDeadline, notice: notice, produce)
        }
    }

    /// Writes `bytes` (see `write(notice:_:)`).
    package func write(_ bytes: some Collection<UInt8>) throws(OutputFileError) {
        try write { emit in
            if bytes.withContiguousStorageIfAvailable(emit) == nil { Array(bytes).withUnsafeBufferPointer(emit) }
        }
    }

    package static func printToStandardError(_ line: String) {
        let text = line + "\n"
        _ = text.withCString { Glibc.write(STDERR_FILENO, $0, strlen($0)) }
    }

    private static func temporary(for finalPath: String, reportedAs path: String, owner: FileOwner?)
        throws(OutputFileError) -> TemporaryFile
    {
        do { return try TemporaryFile.create(in: directoryName(of: finalPath), for: finalPath, owner: owner) } catch {
            throw error.reported(as: path)
        }
    }

    /// Where a path that does not exist will be created: itself, or, when it is a symbolic link to a missing
    /// file, the end of the link chain (followed as `open(O_CREAT)` would, at most 40 links as the kernel does).
    private static func danglingLinkTarget(_ path: String) throws(OutputFileError) -> String {
        var current = path
        for _ in 0..<40 {
            guard isSymbolicLink(current), let destination = readLink(current) else { return current }
            current = destination.hasPrefix("/") ? destination : "\(directoryName(of: current))/\(destination)"
        }
        throw .unsuitable(path: path, reason: "it is a loop of symbolic links")
    }

    private static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }

    private static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The directory holding `path`: everything before the last `/`, `/` for files at the root, `.` for a
    /// bare file name.
    static func directoryName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = path[..<slash]
        return directory.isEmpty ? "/" : String(directory)
    }
}
