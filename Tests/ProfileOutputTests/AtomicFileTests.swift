import Foundation
import ProfileModel
import Testing

@testable import ProfileOutput

@Suite("writing files")
struct AtomicFileTests {
    @Test("each format writes its file and leaves no temporary behind", arguments: OutputFormat.allCases)
    func writesAndRenames(format: OutputFormat) throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("profile.\(format.fileExtension)").path
        try "old contents".write(toFile: path, atomically: false, encoding: .utf8)

        var writer = format.makeWriter(options: RecordOutputOptions(title: "t"))
        writer.add([Fixtures.mainThread()], at: .milliseconds(1))
        try writer.write(to: path)

        #expect(try String(contentsOfFile: path, encoding: .utf8) == writer.render())
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["profile.\(format.fileExtension)"])
    }

    @Test("a missing directory is a typed error naming the path and the reason")
    func missingDirectory() throws {
        let path = "/nonexistent-\(UUID().uuidString)/out.svg"
        let error = #expect(throws: OutputFileError.self) {
            try AtomicFile.write("x", to: path)
        }
        #expect(error?.path == path)
        #expect(error?.errno == ENOENT)
        let message = error?.description ?? ""
        #expect(message.contains(path) && message.contains("No such file or directory"))
        #expect(message.contains("Check that the directory exists"))
    }

    @Test("a file in the directory position is reported even to root")
    func fileAsDirectory() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("plain")
        try "x".write(to: file, atomically: false, encoding: .utf8)
        let path = file.appendingPathComponent("out.svg").path
        let error = #expect(throws: OutputFileError.self) {
            try AtomicFile.write("x", to: path)
        }
        #expect(error == .cannotCreate(path: path, directory: file.path, errno: ENOTDIR))
        #expect(error?.description.contains("Not a directory") == true)
    }

    @Test("a directory as destination fails without touching it or leaving a temporary")
    func directoryDestination() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("taken")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        try "keep".write(to: target.appendingPathComponent("inside"), atomically: false, encoding: .utf8)

        let error = #expect(throws: OutputFileError.self) {
            try AtomicFile.write("x", to: target.path)
        }
        #expect(error == .unsuitable(path: target.path, reason: "it is a directory"))
        #expect(error?.description.contains(target.path) == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["taken"])
        #expect(try String(contentsOf: target.appendingPathComponent("inside"), encoding: .utf8) == "keep")
    }

    @Test("an unwritable directory is reported as a permission problem", .enabled(if: getuid() != 0))
    func unwritableDirectory() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer {
            chmod(directory.path, 0o755)
            try? FileManager.default.removeItem(at: directory)
        }
        chmod(directory.path, 0o555)
        let path = directory.appendingPathComponent("out.json").path
        let error = #expect(throws: OutputFileError.self) {
            try AtomicFile.write("x", to: path)
        }
        #expect(error?.errno == EACCES)
        #expect(error?.description.contains("--output") == true)
    }

    @Test("directory of a path")
    func directoryName() {
        #expect(OutputDestination.directoryName(of: "out.svg") == ".")
        #expect(OutputDestination.directoryName(of: "/out.svg") == "/")
        #expect(OutputDestination.directoryName(of: "a/b/out.svg") == "a/b")
    }

    @Test("format names, extensions and completion messages")
    func formats() {
        #expect(OutputFormat(parsing: "SpeedScope") == .speedscope)
        #expect(OutputFormat(parsing: "svg") == nil)
        #expect(OutputFormat.allCases.map(\.fileExtension) == ["svg", "txt", "json", "json"])
        #expect(
            OutputFormat.raw.completionMessage(path: "p.txt", samples: 96, errors: 0) == [
                "Wrote raw flamegraph data to 'p.txt'. Samples: 96 Errors: 0",
                "You can use the flamegraph.pl script from https://github.com/brendangregg/flamegraph to generate a SVG"
            ])
    }
}
