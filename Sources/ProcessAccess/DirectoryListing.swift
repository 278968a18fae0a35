#if canImport(Glibc)
import Glibc
#endif

enum DirectoryListing {
    /// The entries of a directory whose names are decimal numbers (pids, tids), sorted.
    static func numericEntries(_ path: String, pid: ProcessID) throws(ProcessError) -> [Int32] {
        guard let dir = opendir(path) else { throw ProcFiles.error(forErrno: errno, path: path, pid: pid) }
        defer { closedir(dir) }
        var result: [Int32] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String in
                let bytes = raw.prefix { $0 != 0 }
                return String(decoding: bytes, as: UTF8.self)
            }
            if let value = Int32(name) { result.append(value) }
        }
        return result.sorted()
    }
}
