import ProfileOutput
#if canImport(Glibc)
import Glibc
#endif

/// The default `record` output name: `<program or pid>-<local time, RFC 3339 to the second>.<ext>` in the
/// current directory. py-spy uses the program path as typed, which writes the file next to the interpreter
/// binary for `/path/to/python3`; only the base name is used here.
enum DefaultOutputName {
    static func make(program: [String], pid: Int32?, format: OutputFormat, now: time_t = time(nil)) -> String {
        let base = program.first.flatMap { $0.split(separator: "/").last.map(String.init) } ?? pid.map(String.init) ?? "swiftspy"
        return "\(base)-\(timestamp(now)).\(format.fileExtension)"
    }

    static func timestamp(_ now: time_t) -> String {
        var seconds = now
        var local = tm()
        localtime_r(&seconds, &local)
        var buffer = [CChar](repeating: 0, count: 64)
        strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &local)
        var text = String(cString: buffer)
        // %z gives +0100; RFC 3339 wants +01:00, or Z for UTC.
        if text.hasSuffix("+0000") {
            text.removeLast(5)
            text += "Z"
        } else if text.count >= 5 {
            text.insert(":", at: text.index(text.endIndex, offsetBy: -2))
        }
        return text
    }
}

/// Refuses, before any sampling happens, an output path that could never be written: a missing or
/// read-only directory, or a path that is a directory. Better to say so now than after an hour of recording.
enum OutputPathCheck {
    struct Unwritable: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "Cannot write the output file '\(path)': \(reason); choose another path with --output." }
    }

    static func ensureWritable(_ path: String) throws(Unwritable) {
        guard !path.isEmpty else { throw Unwritable(path: path, reason: "the name is empty") }
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            throw Unwritable(path: path, reason: "it is a directory")
        }
        let directory = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : "."
        let checked = directory.isEmpty ? "/" : directory
        guard stat(checked, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw Unwritable(path: path, reason: "the directory '\(checked)' does not exist")
        }
        guard access(checked, W_OK) == 0 else {
            throw Unwritable(path: path, reason: "the directory '\(checked)' is not writable")
        }
    }
}
