import CPythonLayouts
import ProcessAccess

/// Finds the address of the main `PyInterpreterState`, trying the cheap, exact ways first:
/// 1. 3.7+: `_PyRuntime.interpreters.head` (the offset comes from the layout, or from `_Py_DebugOffsets`);
/// 2. ≤ 3.6: the `interp_head` global of Python/pystate.c;
/// 3. otherwise: every pointer-aligned word of the binary's `.PyRuntime`, `.data` and `.bss` sections as a
///    candidate (stripped binaries).
/// Every candidate is validated before use: it must be mapped, its first thread state must point back to it,
/// and its thread list must end (any length; a list that loops is refused).
struct InterpreterLocator<Memory: MemorySource> {
    let memory: Memory
    let layout: PythonLayout
    let maps: MemoryMap

    func locate(binary: PythonBinary, runtime: RemoteAddress?) -> RemoteAddress? {
        // When the binary names where the interpreter list lives, that answer is authoritative: if it is not
        // valid yet the interpreter is still starting (the caller retries). Scanning then could only find
        // look-alikes (on 3.11 a thread state itself passes for an interpreter, its fields lining up).
        if let runtime, let offset = layout.runtimeInterpretersHead {
            guard let candidate = try? memory.readPointer(runtime + offset), isValid(candidate) else { return nil }
            return candidate
        }
        if let head = binary.symbols["interp_head"] {
            guard let candidate = try? memory.readPointer(head), isValid(candidate) else { return nil }
            return candidate
        }
        for section in binary.dataSections {
            guard let bytes = try? memory.readBytes(section.address, count: min(section.size, 64 << 20)) else {
                continue
            }
            let block = RemoteBlock(base: section.address, bytes: bytes)
            for offset in stride(from: 0, to: bytes.count - 7, by: 8) {
                guard let candidate = block.pointer(at: offset), candidate.rawValue & 7 == 0,
                    maps.contains(candidate), isValid(candidate)
                else { continue }
                return candidate
            }
        }
        return nil
    }

    /// A believable interpreter: mapped, with a mapped first thread whose `interp` points back to it.
    func isValid(_ candidate: RemoteAddress) -> Bool {
        guard !candidate.isNull, maps.contains(candidate),
            let head = try? memory.readPointer(candidate + layout.interpThreadsHead), maps.contains(head),
            head != candidate,
            let back = try? memory.readPointer(head + layout.threadStateInterp), back == candidate,
            // A bound thread's id is its pthread_t: the address of glibc's thread descriptor, so mapped.
            let threadID = try? memory.readPointer(head + layout.threadStateThreadId), maps.contains(threadID)
        else { return false }
        // The list must end, however many threads it holds (`CycleDetector` catches a loop): a false positive
        // is unlikely to survive many hops with every `interp` consistent.
        var current = head
        var detector = CycleDetector()
        for hop in 0..<StackWalkerLimits.maxThreads {
            guard detector.revisits(current, index: hop) == nil,
                let next = try? memory.readPointer(current + layout.threadStateNext)
            else { return false }
            if next.isNull { return true }
            guard maps.contains(next), (try? memory.readPointer(next + layout.threadStateInterp)) == candidate else {
                return false
            }
            current = next
        }
        return false
    }
}
