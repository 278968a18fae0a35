import ProcessAccess

/// Maps `pthread_t` values to kernel thread ids on Python ≤ 3.10, whose thread states carry no native id.
///
/// On glibc, a `pthread_t` is the address of the thread's `struct pthread`, which stores the kernel `tid`
/// at a fixed offset for a given glibc build (0x2d0 on x86_64 glibc 2.2x–2.3x). Rather than trusting one
/// number, the offset is calibrated once: the first candidate at which every thread's value is a distinct
/// live tid of the process wins. No libunwind, no pausing needed (py-spy unwinds every thread for this).
final class PthreadTIDResolver: @unchecked Sendable {
    private var offset: Int?
    private var calibrated = false
    static let preferredOffsets = [0x2D0, 0xD0]

    func resolve(threadIDs: [UInt64], liveTIDs: Set<ThreadID>, memory: some MemorySource) -> [UInt64: UInt32] {
        if !calibrated, !threadIDs.isEmpty {
            calibrated = true
            offset = calibrate(threadIDs: threadIDs, liveTIDs: liveTIDs, memory: memory)
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
        return nil
    }
}
