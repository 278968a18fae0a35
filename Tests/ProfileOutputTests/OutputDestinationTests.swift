import Foundation
import Testing

@testable import ProfileOutput

/// What `-o` does with paths that are not plain files (issue 12 items 2 and 3): special files are written
/// through and kept, a symbolic link keeps pointing where it did, and a path that can never hold a file is
/// refused when the destination is prepared (before any sampling), not when the profile is written.
@Suite("output destinations")
struct OutputDestinationTests {
    private static func kind(_ path: String, following: Bool = false) -> mode_t {
        var info = stat()
        let result = following ? stat(path, &info) : lstat(path, &info)
        return result == 0 ? info.st_mode & S_IFMT : 0
    }

    /// A device number (glibc's `makedev`, a macro Swift does not import) for majors below 4096, minors below 256.
    private static func device(major: dev_t, minor: dev_t) -> dev_t { major << 8 | minor }

    @Test("a character device is written through and stays a device", .enabled(if: getuid() == 0, "mknod needs root"))
    func characterDevice() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let device = directory.appendingPathComponent("null").path
        try #require(
            mknod(device, S_IFCHR | 0o666, Self.device(major: 1, minor: 3)) == 0, "mknod failed: errno \(errno)")
        try OutputDestination(path: device).write("profile".utf8)
        #expect(Self.kind(device) == S_IFCHR, "the device was replaced by a plain file")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["null"])
    }

    @Test("a symbolic link keeps pointing at its target, which gets the new contents")
    func symbolicLinkIsKept() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("target.txt").path
        let link = directory.appendingPathComponent("link.txt").path
        try "old".write(toFile: target, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.txt")
        try OutputDestination(path: link).write("new".utf8)
        #expect(Self.kind(link) == S_IFLNK, "the link was replaced")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "target.txt")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "new")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["link.txt", "target.txt"])
    }

    @Test("a dangling symbolic link gets its target created, the link kept")
    func danglingLink() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let link = directory.appendingPathComponent("link.txt").path
        try FileManager.default.createDirectory(
            atPath: directory.appendingPathComponent("sub").path,
            withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "sub/made.txt")
        try OutputDestination(path: link).write("made".utf8)
        #expect(Self.kind(link) == S_IFLNK)
        #expect(
            try String(contentsOfFile: directory.appendingPathComponent("sub/made.txt").path, encoding: .utf8) == "made"
        )
    }

    @Test("a FIFO is written through to its reader and stays a FIFO")
    func fifoWithReader() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("pipe").path
        try #require(mkfifo(fifo, 0o644) == 0)
        let payload = String(repeating: "frame;frame 1\n", count: 20_000)  // more than a pipe buffer holds
        let destination = try OutputDestination(path: fifo, readerDeadline: .seconds(20))
        // The reader comes after the destination was prepared, as when the recording starts first.
        let reader = ReaderThread { FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() }
        try destination.write(payload.utf8)
        let received = reader.result(timeout: .seconds(20))
        #expect(received.map { String(decoding: $0, as: UTF8.self) } == payload)
        #expect(Self.kind(fifo) == S_IFIFO, "the FIFO was replaced by a plain file")
    }

    @Test("a FIFO nobody reads fails after the deadline with advice, instead of hanging")
    func fifoWithoutReader() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("pipe").path
        try #require(mkfifo(fifo, 0o644) == 0)
        let destination = try OutputDestination(path: fifo, readerDeadline: .milliseconds(300))
        let started = ContinuousClock.now
        var notices: [String] = []
        let error = #expect(throws: OutputFileError.self) {
            try destination.write(notice: { notices.append($0) }) { emit in
                Array("x".utf8).withUnsafeBufferPointer(emit)
            }
        }
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(error == .noReader(path: fifo, waited: .milliseconds(300)))
        #expect(notices.count == 1 && notices[0].contains("Waiting"))
        #expect(Self.kind(fifo) == S_IFIFO)
    }

    @Test("a reader that leaves early is an error (EPIPE), not a SIGPIPE that kills the profiler")
    func readerGoneIsAnError() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("pipe").path
        try #require(mkfifo(fifo, 0o644) == 0)
        let destination = try OutputDestination(path: fifo, readerDeadline: .seconds(20))
        let reader = ReaderThread { () -> Data? in
            let handle = FileHandle(forReadingAtPath: fifo)
            let first = try? handle?.read(upToCount: 1)
            try? handle?.close()
            return first
        }
        let error = #expect(throws: OutputFileError.self) {
            try destination.write([UInt8](repeating: 65, count: 16 << 20))
        }
        #expect(reader.result(timeout: .seconds(20)) != nil)
        #expect(error?.errno == EPIPE)
        #expect(error?.description.contains("closed the pipe") == true)
    }

    @Test("kernel file systems are refused when the destination is prepared", arguments: ["/proc/x.svg", "/sys/x.svg"])
    func kernelFileSystemsAreRefusedUpFront(path: String) {
        let error = #expect(throws: OutputFileError.self) { _ = try OutputDestination(path: path) }
        #expect(error == .noOrdinaryFiles(path: path, directory: OutputDestination.directoryName(of: path)))
        #expect(error?.description.contains("Check that the directory exists") == false)
    }

    @Test("a missing directory, an empty name and a directory are refused when the destination is prepared")
    func unwritablePathsUpFront() {
        let path = "/nonexistent-\(UUID().uuidString)/out.svg"
        let error = #expect(throws: OutputFileError.self) { _ = try OutputDestination(path: path) }
        #expect(error?.errno == ENOENT)
        #expect(throws: OutputFileError.unsuitable(path: "", reason: "the name is empty")) {
            _ = try OutputDestination(path: "")
        }
        #expect(throws: OutputFileError.unsuitable(path: "/tmp", reason: "it is a directory")) {
            _ = try OutputDestination(path: "/tmp")
        }
    }

    @Test("block devices and sockets are refused, untouched", .enabled(if: getuid() == 0, "mknod needs root"))
    func blockDeviceAndSocketRefused() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let disk = directory.appendingPathComponent("disk").path
        try #require(mknod(disk, S_IFBLK | 0o600, Self.device(major: 7, minor: 200)) == 0)
        let error = #expect(throws: OutputFileError.self) { _ = try OutputDestination(path: disk) }
        #expect(error?.description.contains("block device") == true)
        #expect(Self.kind(disk) == S_IFBLK)
        let socketPath = directory.appendingPathComponent("sock").path
        try #require(mknod(socketPath, S_IFSOCK | 0o600, 0) == 0)
        #expect(throws: OutputFileError.self) { _ = try OutputDestination(path: socketPath) }
        #expect(Self.kind(socketPath) == S_IFSOCK)
    }

    @Test("the prepared file has no name until it is complete, and dropping it leaves nothing")
    func preparedFileIsInvisible() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("out.txt").path
        do {
            let destination = try OutputDestination(path: path)
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty,
                "a named temporary would be left behind by a SIGKILL")
            _ = destination
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
        try OutputDestination(path: path).write("done".utf8)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.txt"])
    }

    @Test("a new file goes to the given owner (the sudo user)", .enabled(if: getuid() == 0, "chown needs root"))
    func ownerTakesTheFile() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("owned.txt").path
        try OutputDestination(path: path, owner: FileOwner(uid: 65534, gid: 65534)).write("x".utf8)
        var info = stat()
        try #require(stat(path, &info) == 0)
        #expect(info.st_uid == 65534 && info.st_gid == 65534)
    }
}

/// A FIFO's reader on a thread of its own: opening a FIFO blocks until the writer comes, which must not hold
/// one of the few threads the test runner's tasks share.
private final class ReaderThread: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var value: Data?

    init(_ read: @escaping @Sendable () -> Data?) {
        let thread = Thread { [self] in
            value = read()
            done.signal()
        }
        thread.start()
    }

    /// What the reader read, or nil if it did not finish in time.
    func result(timeout: Duration) -> Data? {
        let seconds = Double(timeout.components.seconds)
        return done.wait(timeout: .now() + seconds) == .success ? value : nil
    }
}
