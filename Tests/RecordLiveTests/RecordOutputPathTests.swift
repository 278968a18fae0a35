import LiveTestSupport
import Foundation
import Testing

/// What `record -o` does with paths that are not plain files, end to end (issue 12 items 2, 3 and 5): a device,
/// a symbolic link and a FIFO are written through or followed and stay what they were; a path no file can be
/// created at is refused before the program is even started; under sudo the file belongs to the sudo user.
@Suite("record: output paths", .enabled(if: LiveEnvironment.enabled, "SWIFTSPY_SKIP_LIVE=1"))
struct RecordOutputPathTests {
    private static let program = ["-c", "import time\nend = time.time() + 30\nwhile time.time() < end: pass"]

    private static func kind(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    private static func record(
        to output: String, in scratch: ScratchDirectory,
        extraEnvironment: [String: String] = [:]
    ) throws -> SwiftspyResult {
        let python = try #require(Interpreters.installed.last, "no interpreter installed").executable
        return try SwiftspyProcess.run(
            ["record", "-d", "1", "-r", "50", "-f", "raw", "-o", output, "--", python]
                + program, in: scratch, timeout: .seconds(60), extraEnvironment: extraEnvironment)
    }

    @Test(
        "A character device, a symbolic link and a FIFO are kept, not replaced",
        .enabled(if: getuid() == 0, "mknod needs root"))
    func specialFilesAreKept() async throws {
        // Observed on a worker thread; checked here, where a failed expectation is attributed to this test.
        let (results, kinds, linkTarget) = try await offloaded {
            () throws -> ([SwiftspyResult], [mode_t], String) in
            let scratch = try ScratchDirectory()
            defer { scratch.remove() }
            let device = scratch.path("null"), link = scratch.path("link"), fifo = scratch.path("fifo")
            try #require(mknod(device, S_IFCHR | 0o666, 1 << 8 | 3) == 0)
            try "old".write(toFile: scratch.path("target"), atomically: false, encoding: .utf8)
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target")
            try #require(mkfifo(fifo, 0o644) == 0)
            let reader = Thread { _ = FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() }
            reader.start()
            let results = try [device, link, fifo].map { try Self.record(to: $0, in: scratch) }
            return (
                results, [device, link, fifo].map(Self.kind),
                (try? String(contentsOfFile: scratch.path("target"), encoding: .utf8)) ?? ""
            )
        }
        for result in results {
            #expect(result.succeeded && result.samplesWritten.map { $0 > 0 } == true, "\(result.summary)")
        }
        #expect(kinds == [S_IFCHR, S_IFLNK, S_IFIFO], "device, link, FIFO became \(kinds.map { String($0, radix: 8) })")
        #expect(
            linkTarget.contains("<module>") && linkTarget.hasSuffix("\n"),
            "the link's target holds \(linkTarget.prefix(200).debugDescription)")
    }

    @Test("A path on /proc is refused before sampling starts", arguments: ["/proc/x.svg", "/sys/x.svg"])
    func kernelFileSystemRefusedUpFront(path: String) async throws {
        let result = try await offloaded { () throws -> SwiftspyResult in
            let scratch = try ScratchDirectory()
            defer { scratch.remove() }
            return try Self.record(to: path, in: scratch)
        }
        #expect(result.exitedNormally && result.status == 1, "\(result.summary)")
        #expect(!result.stdout.contains("Sampling process"), "sampling started: \(result.summary)")
        #expect(
            result.stderr.contains("kernel file system") && !result.stderr.contains("directory exists"),
            "\(result.summary)")
    }

    @Test("Under sudo the output file belongs to the invoking user", .enabled(if: getuid() == 0, "needs root"))
    func underSudoTheOutputBelongsToTheUser() async throws {
        let (result, owner) = try await offloaded { () throws -> (SwiftspyResult, (uid_t, gid_t)?) in
            let scratch = try ScratchDirectory()
            defer { scratch.remove() }
            chmod(scratch.url.path, 0o777)  // nobody must be able to run the program from here
            let output = scratch.path("owned.txt")
            let result = try Self.record(to: output, in: scratch, extraEnvironment: RecordLaunchTests.sudoAsNobody)
            var info = stat()
            return (result, stat(output, &info) == 0 ? (info.st_uid, info.st_gid) : nil)
        }
        #expect(result.succeeded, "\(result.summary)")
        #expect(owner.map { $0 == (65534, 65534) } == true, "owner: \(String(describing: owner))")
    }
}
