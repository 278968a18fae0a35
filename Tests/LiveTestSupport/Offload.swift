import Dispatch
import Foundation

/// Runs blocking work (starting processes, waiting on pipes) on a Dispatch thread and awaits its result, once
/// one of the live-work slots is free.
///
/// Swift Testing runs test cases as tasks on the small cooperative pool (one thread per core). Blocking those
/// threads on child processes would serialise the per-interpreter cases; handing the waiting to Dispatch lets
/// many interpreters run at once. But not all: with 13 interpreters and every live suite started together, a
/// 2-core machine ran dozens of targets at once (load average 44), and targets then took longer to start than
/// the time windows the checks allow. `LiveSlots.work` bounds that; waiting for a slot is not test time.
public func offloaded<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    await LiveSlots.work.acquire()
    let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Value, any Error>, Never>) in
        DispatchQueue.global().async {
            continuation.resume(returning: Result { try work() })
        }
    }
    await LiveSlots.work.release()
    return try result.get()
}

/// A counting semaphore for async tests: at most `count` holders at once, the others wait in order.
public actor LiveSlots {
    /// How many offloaded live jobs run at once: three per core, or `SWIFTSPY_LIVE_JOBS`.
    public static let work = LiveSlots(
        count: ProcessInfo.processInfo.environment["SWIFTSPY_LIVE_JOBS"].flatMap(Int.init)
            ?? 3 * ProcessInfo.processInfo.activeProcessorCount)

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(count: Int) { free = max(1, count) }

    public func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    public func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
