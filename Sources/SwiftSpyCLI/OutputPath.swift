import ProcessAccess
import ProfileOutput
#if canImport(Glibc)
import Glibc
#endif

/// The default `record` output name: `<program or pid>-<local time, RFC 3339 to the second>.<ext>` in the
/// current directory. py-spy uses the program path as typed, which writes the file next to the interpreter
/// binary for `/path/to/python3`; only the base name is used here.
enum DefaultOutputName {
    static func make(program: [String], pid: Int32?, format: OutputFormat, now: time_t = time(nil)) -> String {
        let base =
            program.first.flatMap { $0.split(separator: "/").last.map(String.init) } ?? pid.map(String.init)
            ?? "swiftspy"
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

extension InvokingUser {
    /// The sudo user as the owner of the files swiftspy writes for them.
    var fileOwner: FileOwner { FileOwner(uid: uid, gid: gid) }
}
