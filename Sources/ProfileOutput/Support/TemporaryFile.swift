#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written in its destination's directory that takes the destination's name only once complete.
///
/// Where the file system allows it, the file is created unnamed (`O_TMPFILE`, open(2)): it has no name until
/// `commit` links it in, so a swiftspy killed mid-write leaves nothing behind, and nothing to clean up. Elsewhere
/// (file systems without `O_TMPFILE`) it is an ordinary `.<name>.<pid>.<random>.tmp`, removed on failure.
/// Either way it is created when the recording starts, so a directory that cannot hold the file is reported
/// before any sampling rather than after an hour of it.
final class TemporaryFile {
    let descriptor: Int32
    let directory: String
    /// The temporary's own name while it has one: always for the fallback, and for the unnamed kind only
    /// between `linkat` and `rename` in `commit`.
    private var namedPath: String?
    private var isOpen = true

    private init(descriptor: Int32, directory: String, namedPath: String?) {
        self.descriptor = descriptor
        self.directory = directory
        self.namedPath = namedPath
    }

    deinit { discard() }

    /// A new empty temporary in `directory`, for the destination `path` (named in errors), given to `owner`.
    static func create(in directory: String, for path: String, owner: FileOwner?) throws(OutputFileError)
        -> TemporaryFile
    {
        let file: TemporaryFile
        let unnamed = open(directory, Self.unnamedFlags | O_WRONLY | O_CLOEXEC, 0o666)
        if unnamed >= 0, access(Self.procPath(of: unnamed), F_OK) == 0 {
            file = TemporaryFile(descriptor: unnamed, directory: directory, namedPath: nil)
        } else {
            let unnamedError = unnamed >= 0 ? 0 : errno
            if unnamed >= 0 { close(unnamed) }
            // Without O_TMPFILE support, a kernel file system (/proc, /sys) is the likely reason a named file
            // cannot be created either, even where the permission bits would allow it.
            let (descriptor, name) = try createNamed(
                for: path, in: directory,
                unnamedUnsupported: unnamedError == EOPNOTSUPP)
            file = TemporaryFile(descriptor: descriptor, directory: directory, namedPath: name)
        }
        owner?.take(file.descriptor)
        return file
    }

    /// Flushes the written contents to disk and gives the file the name `path`, replacing what was there in
    /// one `rename(2)`. The descriptor is closed either way.
    func commit(to path: String) throws(OutputFileError) {
        var failure: Int32?
        if fsync(descriptor) != 0, errno != EINVAL { failure = errno }
        if namedPath == nil, failure == nil {
            do { namedPath = try linkUnnamed(for: path) } catch { closeDescriptor(); throw error }
        }
        if closeDescriptor() != 0, failure == nil, errno != EINTR { failure = errno }
        if let failure { throw .cannotWrite(path: path, errno: failure) }
        guard let namedPath else { return }
        guard rename(namedPath, path) == 0 else { throw .cannotReplace(path: path, errno: errno) }
        self.namedPath = nil
    }

    /// Closes and removes the temporary without touching the destination.
    func discard() {
        closeDescriptor()
        if let namedPath { unlink(namedPath) }
        namedPath = nil
    }

    @discardableResult
    private func closeDescriptor() -> Int32 {
        guard isOpen else { return 0 }
        isOpen = false
        return close(descriptor)
    }

    /// Gives the unnamed file a fresh temporary name beside the destination (`linkat` through its
    /// `/proc/self/fd` entry, which needs no privilege), from which `rename` then moves it into place: `linkat`
    /// cannot replace an existing file, and replacing is the point.
    private func linkUnnamed(for path: String) throws(OutputFileError) -> String {
        var lastError: Int32 = EEXIST
        for _ in 0..<16 {
            let candidate = Self.temporaryName(for: path, in: directory)
            if linkat(AT_FDCWD, Self.procPath(of: descriptor), AT_FDCWD, candidate, AT_SYMLINK_FOLLOW) == 0 {
                return candidate
            }
            lastError = errno
            if lastError != EEXIST && lastError != EINTR { break }
        }
        throw .cannotReplace(path: path, errno: lastError)
    }

    /// Opens a fresh `.<name>.<pid>.<random>.tmp`; `O_EXCL` makes a name collision fail instead of clobbering,
    /// and another name is drawn.
    private static func createNamed(for path: String, in directory: String, unnamedUnsupported: Bool)
        throws(OutputFileError) -> (Int32, String)
    {
        var lastError: Int32 = EEXIST
        for _ in 0..<16 {
            let candidate = temporaryName(for: path, in: directory)
            let descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if descriptor >= 0 { return (descriptor, candidate) }
            lastError = errno
            if lastError != EEXIST && lastError != EINTR { break }
        }
        if unnamedUnsupported, [ENOENT, EACCES, EPERM, EOPNOTSUPP].contains(lastError), isDirectory(directory) {
            throw .noOrdinaryFiles(path: path, directory: directory)
        }
        throw .cannotCreate(path: path, directory: directory, errno: lastError)
    }

    private static func temporaryName(for path: String, in directory: String) -> String {
        let baseName = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? "output"
        let suffix = String(UInt32.random(in: .min ... .max), radix: 16)
        return "\(directory)/.\(baseName).\(getpid()).\(suffix).tmp"
    }

    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    private static func procPath(of descriptor: Int32) -> String { "/proc/self/fd/\(descriptor)" }

    /// `O_TMPFILE`, which Glibc's module does not export (it is a macro of two flags): `__O_TMPFILE | O_DIRECTORY`,
    /// with `__O_TMPFILE` 020000000 on x86_64 and aarch64 (include/uapi/asm-generic/fcntl.h).
    private static var unnamedFlags: Int32 { 0o20000000 | O_DIRECTORY }
}
