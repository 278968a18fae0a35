import CPythonLayouts
import ProcessAccess
@testable import PythonIntrospection

extension FakeInterpreter {
    /// Whether this version chains `PyFrameObject`s (2.7–3.10) rather than interpreter frames.
    var usesFrameObjects: Bool { layout.interpreterFrameCode == nil }

    /// Bytes one frame takes in `deepFrames`.
    var frameSize: Int { usesFrameObjects ? (layout.frameObjectSize ?? 512) : (layout.interpreterFrameSize ?? 128) }

    /// `depth` Python frames of `code` in one region (a data stack, or a heap of frame objects), built in one
    /// write: fake memory's reads get slower with every region, and a deep chain as separate regions would be
    /// unusably slow. Frame `i` (0 the innermost) runs code unit `i % 8`, so its line is `firstLine + i % 8`,
    /// and sits below frame `i - 1`, as a data stack grows upward. The outermost frame links to `outer`, which
    /// may be an earlier frame of the chain (`loopTo`: a loop), or null. Returns the frames' addresses,
    /// innermost first.
    mutating func deepFrames(code: RemoteAddress, depth: Int, loopTo: Int? = nil) -> [RemoteAddress] {
        let size = (frameSize + 15) & ~15
        let base = allocate(depth * size)
        let addresses = (0..<depth).map { base + (depth - 1 - $0) * size }
        var bytes = [UInt8](repeating: 0, count: depth * size)
        func put<T: FixedWidthInteger>(_ value: T, frame index: Int, at offset: Int) {
            let start = (depth - 1 - index) * size + offset
            withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(start..<start + $0.count, with: $0) }
        }
        for index in 0..<depth {
            let outer = index + 1 < depth ? addresses[index + 1].rawValue : loopTo.map { addresses[$0].rawValue } ?? 0
            let unit = index % 8
            if usesFrameObjects {
                put(code.rawValue, frame: index, at: layout.frameObjectCode ?? 0)
                let scale = version.isAtLeast(3, 10) ? 1 : 2
                put(Int32(unit * scale), frame: index, at: layout.frameObjectLasti ?? 0)
                put(outer, frame: index, at: layout.frameObjectBack ?? 0)
            } else {
                let codeStart = code.rawValue + UInt64(layout.codeCodeAdaptive ?? 0)
                put(code.rawValue, frame: index, at: layout.interpreterFrameCode ?? 0)
                put(codeStart + UInt64(unit * 2), frame: index, at: layout.interpreterFrameInstrPtr ?? 0)
                put(outer, frame: index, at: layout.interpreterFramePrevious ?? 0)
            }
        }
        memory.write(bytes, at: base)
        return addresses
    }

    /// A thread list of `count` threads without frames, in one region, placed at the head of the interpreter's
    /// list (before any thread already there); thread `i` has id `firstID + i`. `loopTo`: the last links back to
    /// that thread instead of the old head. Returns the thread states, head first.
    mutating func manyThreads(_ count: Int, firstID: UInt64, loopTo: Int? = nil) -> [RemoteAddress] {
        let size = (layout.threadStateSize + 15) & ~15
        let base = allocate(count * size)
        let states = (0..<count).map { base + $0 * size }
        let oldHead = (try? memory.readPointer(interpreter + layout.interpThreadsHead)) ?? .null
        var bytes = [UInt8](repeating: 0, count: count * size)
        func put(_ value: UInt64, thread index: Int, at offset: Int) {
            let start = index * size + offset
            withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(start..<start + 8, with: $0) }
        }
        for index in 0..<count {
            let next = index + 1 < count ? states[index + 1] : loopTo.map { states[$0] } ?? oldHead
            put(interpreter.rawValue, thread: index, at: layout.threadStateInterp)
            put(firstID + UInt64(index), thread: index, at: layout.threadStateThreadId)
            put(next.rawValue, thread: index, at: layout.threadStateNext)
        }
        memory.write(bytes, at: base)
        set(states[0], at: interpreter, layout.interpThreadsHead)
        return states
    }
}
