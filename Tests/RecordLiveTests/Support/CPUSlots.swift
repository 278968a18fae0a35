import LiveTestSupport
/// Limits how many busy targets run at once.
///
/// Every recording keeps one CPU-bound Python process (plus swiftspy) busy. The suite runs its cases in parallel
/// to stay fast, but on a 2-core machine ten busy targets at once would leave each with a fifth of a core and
/// make swiftspy's sampling run in late bursts, which is noise the split check cannot afford. So recordings of
/// busy targets take one of two slots; waiting for a slot is not sampling time.
enum CPUSlots {
    static let shared = LiveSlots(count: 2)
}

/// Runs blocking work (a recording of a busy target) on a Dispatch thread while holding a CPU slot.
func inCPUSlot<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    await CPUSlots.shared.acquire()
    do {
        let value = try await offloaded(work)
        await CPUSlots.shared.release()
        return value
    } catch {
        await CPUSlots.shared.release()
        throw error
    }
}
