#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an ELF file could not be read. Every offset and size in an ELF file is data from disk, so a damaged or
/// hostile file ends here as a value, never as a trap.
package enum ELFError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `open` or `fstat` failed; `errno` says why (ENOENT, EACCES, …).
    case cannotOpen(path: String, errno: Int32)
    /// `pread` failed after the file was opened (EIO, or the file was truncated under us).
    case readFailed(path: String, errno: Int32)
    /// The first four bytes are not `\x7fELF`.
    case notELF
    /// `EI_CLASS` is not ELFCLASS64 (a 32-bit file, or garbage).
    case not64Bit(elfClass: UInt8)
    /// `EI_DATA` is not ELFDATA2LSB (a big-endian file, or garbage).
    case notLittleEndian(dataEncoding: UInt8)
    /// A structure the headers point at runs past the end of the file.
    case truncated(what: String, offset: UInt64, count: UInt64, fileSize: UInt64)
    /// A header field is self-inconsistent (an entry size too small, an index out of range, …).
    case malformed(String)

    package var description: String {
        switch self {
        case .cannotOpen(let path, let errno) where errno == EACCES || errno == EPERM:
            return "cannot open \(path): \(errnoDescription(errno)); run as the target's user or with sudo"
        case .cannotOpen(let path, let errno):
            return "cannot open \(path): \(errnoDescription(errno))"
        case .readFailed(let path, let errno):
            return "cannot read \(path): \(errnoDescription(errno))"
        case .notELF:
            return "not an ELF file (bad magic)"
        case .not64Bit(let elfClass):
            return "not a 64-bit ELF file (EI_CLASS \(elfClass)); only ELF64 is supported"
        case .notLittleEndian(let encoding):
            return "not a little-endian ELF file (EI_DATA \(encoding)); only little-endian is supported"
        case .truncated(let what, let offset, let count, let fileSize):
            return "truncated ELF file: \(what) needs bytes \(offset)..<\(offset &+ count) but the file has \(fileSize)"
        case .malformed(let reason):
            return "malformed ELF file: \(reason)"
        }
    }
}

private func errnoDescription(_ code: Int32) -> String {
    guard let message = strerror(code) else { return "errno \(code)" }
    return "\(String(cString: message)) (errno \(code))"
}
