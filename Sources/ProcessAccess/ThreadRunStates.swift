#if canImport(Glibc)
import Glibc
#endif

/// Tells which of a process's threads are running on a CPU, cheaply enough to ask thousands of times a second.
///
/// Each thread's `/proc/PID/task/TID/stat` is opened once and re-read with one `pread` per query, instead of
/// opening, reading and closing it (plus listing the directory) every sample. The thread list is refreshed
/// when asked for a thread it does not know, or when a cached file stops answering (the thread exited).
package final class ThreadRunStates: @unchecked Sendable {
    package let pid: ProcessID
    private var files: [ThreadID: Int32] = [:]
    private var buffer = [UInt8](repeating: 0, count: 1024)
    private var listed = false

    package init(pid: ProcessID) { self.pid = pid }

    deinit { for fd in files.values { close(fd) } }

    /// The kernel thread ids, as last listed.
    package var threadIDs: [ThreadID] { Array(files.keys) }

    /// Re-lists `/proc/PID/task`, opening new threads' stat files and closing those of threads that exited.
    package func refresh() throws(ProcessError) {
        let current = Set(try DirectoryListing.numericEntries("/proc/\(pid)/task", pid: pid))
        for (tid, fd) in files where !current.contains(tid) {
            close(fd)
            files[tid] = nil
        }
        for tid in current where files[tid] == nil {
            let fd = open("/proc/\(pid)/task/\(tid)/stat", O_RDONLY | O_CLOEXEC)
            if fd >= 0 { files[tid] = fd }
        }
        listed = true
    }

    /// Whether `tid` is running right now; nil when it is not a live thread of the process.
    package func isRunning(_ tid: ThreadID) -> Bool? {
        if files[tid] == nil { try? refresh() }
        guard let fd = files[tid] else { return nil }
        let count = buffer.withUnsafeMutableBytes { Self.readOnce(fd, into: $0) }
        guard count > 0 else {
            close(fd)
            files[tid] = nil
            return nil
        }
        guard let state = ProcessInspector.state(fromStat: Array(buffer[0..<count])) else { return nil }
        return state == UInt8(ascii: "R")
    }

    /// One `pread` from the start of a stat file. procfs produces the whole line in one call, and asking again
    /// for the end of the file would make the kernel format the line a second time only to return nothing.
    private static func readOnce(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        var got: Int
        repeat { got = pread(fd, buffer.baseAddress, buffer.count, 0) } while got < 0 && errno == EINTR
        return got
    }

    /// Running state of every known thread (listing the threads first if never done).
    package func runningThreads() throws(ProcessError) -> Set<ThreadID> {
        if !listed { try refresh() }
        return Set(files.keys.filter { isRunning($0) == true })
    }
}
