import CPythonLayouts
import ProcessAccess

/// Where the target records which thread holds the GIL, decided once per version:
/// - ≤ 3.6: the `_PyThreadState_Current` global (Python/pystate.c);
/// - 3.7–3.11: `_PyRuntime.gilstate.tstate_current` (Include/internal/pycore_runtime.h, pycore_pystate.h);
/// - 3.12+: the interpreter's `_gil_runtime_state`: its `last_holder` while `locked` is set
///   (Include/internal/pycore_gil.h).
enum GILLocator: Sendable {
    case currentThreadStatePointer(RemoteAddress)
    case gilState(interpreterGILPointer: RemoteAddress, lastHolder: Int, locked: Int)
    case unavailable

    static func make(
        version: PythonVersion, layout: PythonLayout, symbols: [String: RemoteAddress],
        runtime: RemoteAddress?, interpreter: RemoteAddress
    ) -> GILLocator {
        if let gil = layout.interpCevalGil, let lastHolder = layout.gilLastHolder, let locked = layout.gilLocked {
            return .gilState(interpreterGILPointer: interpreter + gil, lastHolder: lastHolder, locked: locked)
        }
        if let runtime, let offset = layout.runtimeGilstateTstateCurrent {
            return .currentThreadStatePointer(runtime + offset)
        }
        if let current = symbols["_PyThreadState_Current"] {
            return .currentThreadStatePointer(current)
        }
        return .unavailable
    }

    /// The `PyThreadState*` holding the GIL now, or nil when none does (or it cannot be known).
    /// `gilAddress` caches where `interp->ceval.gil` points: it is set once when the interpreter starts.
    func holder(in memory: some MemorySource, gilAddress: inout RemoteAddress?) -> RemoteAddress? {
        switch self {
        case .currentThreadStatePointer(let address):
            guard let pointer = try? memory.readPointer(address), !pointer.isNull else { return nil }
            return pointer
        case .gilState(let gilPointer, let lastHolder, let locked):
            // One read covers both fields of `_gil_runtime_state`.
            let start = min(lastHolder, locked)
            let size = max(lastHolder + 8, locked + 4) - start
            if gilAddress == nil, let pointer = try? memory.readPointer(gilPointer), !pointer.isNull {
                gilAddress = pointer
            }
            guard let gil = gilAddress,
                let state = try? RemoteBlock(from: memory, at: gil + start, count: size),
                let isLocked = state.integer(at: locked - start, as: Int32.self), isLocked != 0,
                let holder = state.pointer(at: lastHolder - start), !holder.isNull
            else { return nil }
            return holder
        case .unavailable:
            return nil
        }
    }
}
