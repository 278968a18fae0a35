import Dispatch

/// Runs blocking work (starting processes, waiting on pipes) on a Dispatch thread and awaits its result.
///
/// Swift Testing runs test cases as tasks on the small cooperative pool (one thread per core). Blocking those
/// threads on child processes would serialise the per-interpreter cases; handing the waiting to Dispatch lets all
/// interpreters run at once, which is what keeps the live suite well under a minute.
public func offloaded<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try work() })
        }
    }
}
