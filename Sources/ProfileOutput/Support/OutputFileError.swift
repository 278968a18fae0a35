#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a profile could not be written, with the path involved and the system's reason, worded so the user
/// can fix it (wrong directory, no permission, disk full) without a second run to find out.
public enum OutputFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No temporary file could be created next to the destination (missing directory, no write permission,
    /// read-only file system).
    case cannotCreate(path: String, directory: String, errno: Int32)
    /// Writing or flushing the temporary file failed (disk full, quota, I/O error).
    case cannotWrite(path: String, errno: Int32)
    /// The finished file could not be moved into place (the destination is a directory, or lies on
    /// another file system than its directory, which cannot happen for a plain path).
    case cannotReplace(path: String, errno: Int32)

    /// The destination the user asked for.
    public var path: String {
        switch self {
        case .cannotCreate(let path, _, _), .cannotWrite(let path, _), .cannotReplace(let path, _): return path
        }
    }

    /// The `errno` behind the failure.
    public var errno: Int32 {
        switch self {
        case .cannotCreate(_, _, let code), .cannotWrite(_, let code), .cannotReplace(_, let code): return code
        }
    }

    public var description: String {
        let reason = Self.reason(for: errno)
        switch self {
        case let .cannotCreate(path, directory, code):
            var text = "Failed to write '\(path)': cannot create a file in directory '\(directory)': \(reason)"
            switch code {
            case ENOENT, ENOTDIR: text += ". Check that the directory exists"
            case EACCES, EPERM: text += ". Choose a directory you can write to with --output"
            case EROFS: text += ". The file system is read-only; choose another location with --output"
            default: break
            }
            return text
        case let .cannotWrite(path, _):
            return "Failed to write '\(path)': \(reason)"
        case let .cannotReplace(path, code):
            var text = "Failed to write '\(path)': cannot replace it: \(reason)"
            if code == EISDIR { text += ". The output path names a directory; give a file name" }
            return text
        }
    }

    private static func reason(for code: Int32) -> String {
        guard let message = strerror(code) else { return "errno \(code)" }
        return "\(String(cString: message)) (errno \(code))"
    }
}
