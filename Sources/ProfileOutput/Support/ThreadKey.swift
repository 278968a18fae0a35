import ProfileModel

/// A thread of a process (thread ids are only unique within one process when sampling a process tree).
struct ThreadKey: Hashable, Sendable {
    var pid: Int32
    var threadID: UInt64

    init(pid: Int32, threadID: UInt64) {
        self.pid = pid
        self.threadID = threadID
    }

    init(_ stack: ThreadStack) { self.init(pid: stack.pid, threadID: stack.threadID) }
}
