#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a profile could not be written, with the path involved and the system's reason, worded so the user
/// can fix it (wrong directory, no permission, disk full) without a second run to find out.
package enum OutputFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The path names something a profile must not or cannot replace (a directory, a disk, a socket).
    case unsuitable(path: String, reason: String)
    /// No file could be created in the destination's directory (missing directory, no write permission,
    /// read-only file system).
    case cannotCreate(path: String, directory: String, errno: Int32)
    /// The directory exists but is on a kernel file system (`/proc`, `/sys`) that holds no ordinary files.
    case noOrdinaryFiles(path: String, directory: String)
    /// A device or FIFO to be written in place could not be opened.
    case cannotOpen(path: String, errno: Int32)
    /// No process opened the FIFO for reading in time.
    case noReader(path: String, waited: Duration)
    /// Writing or flushing the file failed (disk full, quota, I/O error, a reader gone).
    case cannotWrite(path: String, errno: Int32)
    /// The finished file could not be moved into place.
    case cannotReplace(path: String, errno: Int32)

    /// The destination the user asked for.
    package var path: String {
        switch self {
        case .unsuitable(let path, _), .cannotCreate(let path, _, _), .noOrdinaryFiles(let path, _),
            .cannotOpen(let path, _), .noReader(let path, _), .cannotWrite(let path, _),
            .cannotReplace(let path, _):
            return path
        }
    }

    /// The `errno` behind the failure, when the system gave one.
    package var errno: Int32? {
        switch self {
        case .cannotCreate(_, _, let code), .cannotOpen(_, let code), .cannotWrite(_, let code),
            .cannotReplace(_, let code):
            return code
        case .unsuitable, .noOrdinaryFiles, .noReader:
            return nil
        }
    }

    /// The same failure, naming `path` (the path as the user typed it, for a symbolic link's target).
    func reported(as path: String) -> OutputFileError {
        switch self {
        case let .unsuitable(_, reason): return .unsuitable(path: path, reason: reason)
        case let .cannotCreate(_, directory, code): return .cannotCreate(path: path, directory: directory, errno: code)
        case let .noOrdinaryFiles(_, directory): return .noOrdinaryFiles(path: path, directory: directory)
        case let .cannotOpen(_, code): return .cannotOpen(path: path, errno: code)
        case let .noReader(_, waited): return .noReader(path: path, waited: waited)
        case let .cannotWrite(_, code): return .cannotWrite(path: path, errno: code)
        case let .cannotReplace(_, code): return .cannotReplace(path: path, errno: code)
        }
    }

    package var description: String {
        switch self {
        case let .unsuitable(path, reason):
            return "Cannot write the output file '\(path)': \(reason); choose another path with --output"
        case let .cannotCreate(path, directory, code):
            var text =
                "Failed to write '\(path)': cannot create a file in directory '\(directory)': \(Self.reason(for: code))"
            switch code {
            case ENOENT, ENOTDIR: text += ". Check that the directory exists"
            case EACCES, EPERM: text += ". Choose a directory you can write to with --output"
            case EROFS: text += ". The file system is read-only; choose another location with --output"
            default: break
            }
            return text
        case let .noOrdinaryFiles(path, directory):
            return "Cannot write the output file '\(path)': '\(directory)' is a kernel file system that holds no "
                + "ordinary files; choose another path with --output"
        case let .cannotOpen(path, code):
            var text = "Failed to write '\(path)': cannot open it for writing: \(Self.reason(for: code))"
            if code == EACCES || code == EPERM { text += ". Choose a path you can write to with --output" }
            return text
        case let .noReader(path, waited):
            return "Failed to write '\(path)': no process opened this FIFO for reading within "
                + "\(waited.components.seconds) s; start the reader (e.g. cat '\(path)') before the recording ends"
        case let .cannotWrite(path, code):
            var text = "Failed to write '\(path)': \(Self.reason(for: code))"
            if code == EPIPE { text += ". The reader closed the pipe before the whole profile was written" }
            return text
        case let .cannotReplace(path, code):
            var text = "Failed to write '\(path)': cannot replace it: \(Self.reason(for: code))"
            if code == EISDIR { text += ". The output path names a directory; give a file name" }
            return text
        }
    }

    private static func reason(for code: Int32) -> String {
        guard let message = strerror(code) else { return "errno \(code)" }
        return "\(String(cString: message)) (errno \(code))"
    }
}
