import ProcessAccess

/// Maps `pthread_t` values to kernel thread ids on Python ≤ 3.10, whose thread states carry no native id.
///
/// On glibc, a `pthread_t` is the address of the thread's `struct pthread`, which stores the kernel `tid`
/// at a fixed offset for a given glibc build (0x2d0 on x86_64 glibc 2.2x–2.3x). Rather than trusting one
/// number, the offset is calibrated once: the first candidate at which every thread's value is a distinct
/// live tid of the process wins (failing that, one of glibc's known offsets where at least half of them are).
/// No libunwind, no pausing needed (py-spy unwinds every thread for this).
///
/// A calibration can fail for a moment's reasons: a thread that just exited, or one just starting, whose state
/// still carries its parent's `pthread_t` (CPython ≤ 3.7 fills `thread_id` in the new thread only once it
/// runs). So a failed one is tried again when the set of threads changes, a bounded number of times (a target
/// whose libc keeps no tid where we look costs nothing after that).
final class PthreadTIDResolver: @unchecked Sendable {
    private var offset: Int?
    private var attempts = 0
    /// The threads of the last failed calibration: it is retried only with a different set.
    private var failedWith: Set<UInt64> = []
    static let preferredOffsets = [0x2D0, 0xD0]
    static var maxAttempts: Int { 16 }

    func resolve(threadIDs: [UInt64], liveTIDs: Set<ThreadID>, memory: some MemorySource) -> [UInt64: UInt32] {
        if offset == nil, attempts < Self.maxAttempts, !threadIDs.isEmpty {
            let distinct = Set(threadIDs)
            if distinct != failedWith {
                attempts += 1
                offset = calibrate(threadIDs: Array(distinct), liveTIDs: liveTIDs, memory: memory)
                failedWith = offset == nil ? distinct : []
            }
        }
        guard let offset else { return [:] }
        var result: [UInt64: UInt32] = [:]
        for id in threadIDs {
            if let tid = try? memory.readInteger(RemoteAddress(id) + offset, as: Int32.self), liveTIDs.contains(tid) {
                result[id] = UInt32(tid)
            }
        }
        return result
    }

    private func calibrate(threadIDs: [UInt64], liveTIDs: Set<ThreadID>, memory: some MemorySource) -> Int? {
        let blocks = threadIDs.compactMap { try? RemoteBlock(from: memory, at: RemoteAddress($0), count: 2048) }
        guard blocks.count == threadIDs.count else { return nil }
        let candidates = Self.preferredOffsets + Array(stride(from: 0, to: 2048, by: 4))
        for candidate in candidates {
            let values = blocks.compactMap { $0.integer(at: candidate, as: Int32.self) }
            if values.count == blocks.count, Set(values).count == values.count,
                values.allSatisfy({ liveTIDs.contains($0) })
            {
                return candidate
            }
        }
        // A thread still starting (or just gone) can spoil the strict rule for a sample or two; glibc's own
        // offsets are then accepted when they name distinct live tids for at least half of the threads, so the
        // first samples of a program that is starting threads get their kernel ids too.
        for candidate in Self.preferredOffsets {
            let live = blocks.compactMap { $0.integer(at: candidate, as: Int32.self) }.filter { liveTIDs.contains($0) }
            if !live.isEmpty, Set(live).count == live.count, 2 * live.count >= blocks.count {
                return candidate
            }
        }
        return nil
    }
}
