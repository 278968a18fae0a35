import ProcessAccess

/// What each sampled thread is called and which kernel thread it is, kept across samples: `threading`'s names
/// and native ids (`ThreadNameReader`), and for threads `threading` gives no native id (before 3.8, or threads it
/// does not know) the kernel tid behind their `pthread_t` (`PthreadTIDResolver`). A sample of the same threads
/// as the last one looks nothing up; a new thread set, or a nameless thread whose backoff is due, does.
final class ThreadIdentities {
    private let tidResolver = PthreadTIDResolver()
    private var byThread: [UInt64: ThreadingInfo] = [:]
    /// The Python thread ids of the last sample, in order.
    private(set) var threadIDs: [UInt64] = []
    /// What `threading` said about each of `threadIDs`.
    private(set) var infos: [ThreadingInfo?] = []
    /// When threads without a name are looked up again.
    private var nameRetry = NameLookupBackoff()
    /// The `threadIDs` for which an unresolved kernel tid last made the task list be read again.
    private var tidRetryThreads: [UInt64] = []

    /// Takes note of this sample's threads; true when they differ from the last sample's.
    func noteThreads(_ walked: [WalkedThread]) -> Bool {
        guard !walked.elementsEqual(threadIDs, by: { $0.threadID == $1 }) else { return false }
        threadIDs = walked.map(\.threadID)
        infos = walked.map { byThread[$0.threadID] }
        return true
    }

    /// Whether `threading` should be asked for names now: when a thread never seen appears, or when some thread
    /// had no name at its last lookup and the backoff allows another (a thread is in the interpreter's list a
    /// moment before `threading` registers it; a thread started from C never gets a name).
    func namesDue(threadsChanged: Bool, walked: [WalkedThread]) -> Bool {
        if threadsChanged, walked.contains(where: { byThread[$0.threadID] == nil }) { return true }
        return nameRetry.isDue()
    }

    /// Records what `threading` said (`fresh`, nil when it could not be read) for this sample's threads.
    func takeNames(_ fresh: [UInt64: ThreadingInfo]?, for walked: [WalkedThread]) {
        let fresh = fresh ?? [:]
        for thread in walked {
            if let info = fresh[thread.threadID] {
                byThread[thread.threadID] = info
            } else if byThread[thread.threadID] == nil {
                byThread[thread.threadID] = ThreadingInfo()
            }
        }
        nameRetry.scheduleAfterLookup(stillNameless: walked.contains { byThread[$0.threadID]?.name == nil })
        infos = walked.map { byThread[$0.threadID] }
    }

    /// Kernel tids, by Python thread id, of the threads neither the thread state nor `threading` gave one.
    /// `liveTIDs` gives the OS thread list as last read; `rereadTasks` reads it again and returns the live tids,
    /// nil when that failed: a thread started after the list was read (pausing reads it first) is not in it yet,
    /// so it is read again, once per set of threads, rather than leave that thread shown by its `pthread_t`.
    func kernelTIDs(
        of walked: [WalkedThread], liveTIDs: () -> Set<ThreadID>, memory: some MemorySource,
        rereadTasks: () -> Set<ThreadID>?
    ) -> [UInt64: UInt32] {
        let needed = zip(walked, infos).filter { $0.nativeThreadID == nil && $1?.nativeID == nil }
        guard !needed.isEmpty else { return [:] }
        let ids = walked.map(\.threadID)
        var tids = tidResolver.resolve(threadIDs: ids, liveTIDs: liveTIDs(), memory: memory)
        if needed.contains(where: { tids[$0.0.threadID] == nil }), tidRetryThreads != threadIDs {
            tidRetryThreads = threadIDs
            if let live = rereadTasks() { tids = tidResolver.resolve(threadIDs: ids, liveTIDs: live, memory: memory) }
        }
        return tids
    }
}
