import Foundation

/// Real binaries on the test machine. Tests over them are skipped where a binary is not installed.
enum InstalledBinaries {
    static let pyenvRoot: String = {
        let environment = ProcessInfo.processInfo.environment
        return environment["PYENV_ROOT"] ?? (NSHomeDirectory() + "/.pyenv")
    }()

    static let libpython312 = pyenvRoot + "/versions/3.12.1/lib/libpython3.12.so.1.0"
    static let libpython27 = pyenvRoot + "/versions/2.7.18/lib/libpython2.7.so.1.0"
    /// Debian's interpreter: stripped, non-PIE, symbols only in `.dynsym`.
    static let debianPython311 = "/usr/bin/python3.11"

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// The value `nm` prints for a defined symbol (`nm -D` when `dynamic`), or nil if nm is missing.
    static func nmValue(of symbol: String, in path: String, dynamic: Bool) -> UInt64? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/nm")
        process.arguments = (dynamic ? ["-D"] : []) + ["--defined-only", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        for line in String(decoding: output, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count == 3, fields[2] == symbol { return UInt64(fields[0], radix: 16) }
        }
        return nil
    }
}
