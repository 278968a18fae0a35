/// The descendants of a process, for `--subprocesses`.
///
/// Children are read from `/proc/PID/task/TID/children` (every thread's, since any thread may fork), which
/// costs a few small reads per process in the tree; when the kernel lacks that file, every `/proc/*/stat` is
/// scanned for parent ids instead.
package enum ProcessTree {
    /// Every descendant of `root` (not `root` itself), parents before their children.
    package static func descendants(of root: ProcessID) -> [ProcessID] {
        let childrenFilesWork = ProcFiles.exists("/proc/\(root)/task/\(root)/children")
        let byParent = childrenFilesWork ? [:] : parentMapByScanning()
        var result: [ProcessID] = []
        var queue = [root]
        var seen: Set<ProcessID> = [root]
        while !queue.isEmpty {
            let parent = queue.removeFirst()
            let children = childrenFilesWork ? directChildren(of: parent) : (byParent[parent] ?? [])
            for child in children where seen.insert(child).inserted {
                result.append(child)
                queue.append(child)
            }
        }
        return result
    }

    /// The parent of `pid`, or nil when it is gone.
    package static func parent(of pid: ProcessID) -> ProcessID? {
        guard let stat = try? ProcFiles.readBytes("/proc/\(pid)/stat", pid: pid) else { return nil }
        return parentID(fromStat: stat)
    }

    static func directChildren(of pid: ProcessID) -> [ProcessID] {
        guard let threads = try? DirectoryListing.numericEntries("/proc/\(pid)/task", pid: pid) else { return [] }
        var children: [ProcessID] = []
        for tid in threads {
            guard let text = try? ProcFiles.readText("/proc/\(pid)/task/\(tid)/children", pid: pid) else { continue }
            children += text.split(separator: " ").compactMap { ProcessID($0) }
        }
        return children
    }

    static func parentMapByScanning() -> [ProcessID: [ProcessID]] {
        var map: [ProcessID: [ProcessID]] = [:]
        for pid in (try? DirectoryListing.numericEntries("/proc", pid: 0)) ?? [] {
            if let parent = parent(of: pid) { map[parent, default: []].append(pid) }
        }
        return map
    }

    /// The ppid field of a `stat` line: the second field after the last `)`.
    static func parentID(fromStat stat: [UInt8]) -> ProcessID? {
        guard let close = stat.lastIndex(of: UInt8(ascii: ")")) else { return nil }
        let fields = stat[(close + 1)...].split(separator: UInt8(ascii: " "))
        guard fields.count > 1 else { return nil }
        return ProcessID(String(decoding: fields[1], as: UTF8.self))
    }
}
