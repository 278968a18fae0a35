import CPythonLayouts
import ProcessAccess
import ProfileModel

/// One Python thread as read from its `PyThreadState`, before names and activity are attached.
struct WalkedThread: Sendable {
    var threadState: RemoteAddress
    var threadID: UInt64
    var nativeThreadID: UInt32?
    var frames: [Frame]
    /// Each frame's arguments and locals (`dump --locals`), by frame index; empty when not asked for.
    var frameLocals: [[LocalVariable]] = []
    /// Why the stack could not be read whole, nil when it was. `frames` then holds what was read before the
    /// failure followed by a marker frame (`ChainMarkers`).
    var failure: IntrospectionError?
}

/// Walks an interpreter's thread list and each thread's frame chain, per the version's `FrameChain`.
struct StackWalker<Memory: MemorySource>: Sendable {
    let objects: ObjectReader<Memory>
    let chain: FrameChain
    let codes: CodeObjectCache<Memory>
    /// Each frame's function, file and line, from its code object and instruction.
    let locations: FrameLocationCache<Memory>
    /// Reads frame chains, and the thread list (a chain of thread states) the same way.
    let chains: FrameChainReader<Memory>
    /// `PyCode_Type` in the target, to tell code objects from other executables (3.13+).
    let codeType: RemoteAddress?

    var memory: Memory { objects.memory }
    var layout: PythonLayout { objects.layout }

    init(objects: ObjectReader<Memory>, chain: FrameChain, codes: CodeObjectCache<Memory>, codeType: RemoteAddress?) {
        self.objects = objects
        self.chain = chain
        self.codes = codes
        locations = FrameLocationCache(codes: codes)
        self.codeType = codeType
        chains = FrameChainReader(memory: objects.memory)
    }

    /// Marks the start of a sample: cached code objects must be confirmed again before use.
    func beginSample() { codes.beginSample() }

    /// Room reserved for a thread's frames up front, so an ordinary stack is gathered without regrowing.
    static var typicalDepth: Int { 64 }

    /// Every thread of the interpreter, in the interpreter's order (newest first). The thread list is a chain
    /// like a frame chain (linked by `next`), so it is read the same way. Each state is read once: the same
    /// bytes give the frames and the link to the next thread. There are as many threads as the list holds: a
    /// list that loops (read while it changed) gives its distinct threads.
    ///
    /// A thread whose stack cannot be read whole costs that thread only: it keeps the frames read and ends in
    /// a marker frame (`WalkedThread.failure`). Only when no thread could be read whole has the sample failed,
    /// with the first thread's reason.
    func walkAll(interpreter: RemoteAddress, style: FrameStyle = FrameStyle(), locals: LocalsReader<Memory>? = nil)
        throws(IntrospectionError) -> [WalkedThread]
    {
        var result: [WalkedThread] = []
        do {
            let head = try memory.readPointer(interpreter + layout.interpThreadsHead)
            let end = try chains.forEach(
                from: head, stride: threadStateReadSize, linkOffset: layout.threadStateNext,
                limit: StackWalkerLimits.maxThreads, what: "thread list"
            ) {
                address, state throws(MemoryReadError) in
                result.append(try walk(address, state: state, style: style, locals: locals))
            }
            if case .cycle(let distinct) = end, distinct < result.count {
                result.removeLast(result.count - distinct)
            }
        } catch {
            throw .from(error)
        }
        if let failure = result.first?.failure, !result.contains(where: { $0.failure == nil }) { throw failure }
        return result
    }

    /// Reads one thread: its ids and its frames, innermost first, with each frame's variables when `locals`
    /// is given (`dump --locals`). Throws when its stack cannot be read whole.
    func walk(threadState: RemoteAddress, style: FrameStyle = FrameStyle(), locals: LocalsReader<Memory>? = nil)
        throws(IntrospectionError) -> WalkedThread
    {
        var walked: WalkedThread?
        var failure: MemoryReadError?
        do {
            let block = try RemoteBlock(from: memory, at: threadState, count: threadStateReadSize)
            block.bytes.withUnsafeBytes { state in
                do throws(MemoryReadError) {
                    walked = try walk(threadState, state: state, style: style, locals: locals)
                } catch { failure = error }
            }
        } catch {
            failure = error
        }
        if let failure { throw .from(failure) }
        guard let walked else { throw .from(.shortRead(threadState, wanted: threadStateReadSize, got: 0)) }
        if let failure = walked.failure { throw failure }
        return walked
    }

    /// How much of a `PyThreadState` the walk reads: up to the end of the last field it uses. The whole struct
    /// can straddle one more page than its head does (3.11's does on a typical heap), and the kernel charges
    /// for every page of every sample.
    var threadStateReadSize: Int {
        let ends = [
            layout.threadStateNext + 8, layout.threadStateThreadId + 8,
            (layout.threadStateNativeThreadId ?? 0) + 4, (layout.threadStateFrame ?? 0) + 8,
            (layout.threadStateCurrentFrame ?? 0) + 8, (layout.threadStateCframe ?? 0) + 8
        ]
        return min(layout.threadStateSize, ends.reduce(0, max))
    }

    /// One thread from the first `threadStateReadSize` bytes of its `PyThreadState` at `threadState`. Only the
    /// errors that end the whole sample are thrown (the process exited, access was refused); any other failure
    /// to read the stack is kept in the thread (`failure`), after the frames read before it.
    private func walk(
        _ threadState: RemoteAddress, state: UnsafeRawBufferPointer, style: FrameStyle,
        locals: LocalsReader<Memory>?
    ) throws(MemoryReadError) -> WalkedThread {
        let threadID = state.checkedField(layout.threadStateThreadId, as: UInt64.self) ?? 0
        let nativeID = state.checkedField(layout.threadStateNativeThreadId, as: UInt32.self)
        var thread = WalkedThread(
            threadState: threadState, threadID: threadID,
            nativeThreadID: nativeID.flatMap { $0 == 0 ? nil : $0 }, frames: [])
        do {
            let end = try frames(
                state, limit: StackWalkerLimits.maxFrames, style: style, locals: locals,
                frames: &thread.frames, frameLocals: &thread.frameLocals)
            switch end {
            case .complete:
                break
            case .truncated:
                thread.frames.append(ChainMarkers.truncated)
            case .cycle(let distinct):
                // The records before the loop are read again, so that each frame is shown once.
                thread.frames.removeAll(keepingCapacity: true)
                thread.frameLocals.removeAll()
                try frames(
                    state, limit: distinct, style: style, locals: locals, frames: &thread.frames,
                    frameLocals: &thread.frameLocals)
                thread.frames.append(ChainMarkers.loop)
                thread.failure = .corruptState(
                    "the frame chain of thread 0x\(String(threadID, radix: 16, uppercase: true)) "
                        + "leads back to a frame already read, after \(distinct) frames")
            }
        } catch {
            switch error {
            case .processExited, .permissionDenied: throw error
            default:
                thread.frames.append(ChainMarkers.unreadable)
                thread.failure = .from(error)
            }
        }
        return thread
    }

    /// The frames of the thread whose state is `state`, innermost first, onto `frames` (and their variables
    /// onto `frameLocals` when `locals` is given), at most `limit` records of the chain.
    @discardableResult
    private func frames(
        _ state: UnsafeRawBufferPointer, limit: Int, style: FrameStyle, locals: LocalsReader<Memory>?,
        frames: inout [Frame], frameLocals: inout [[LocalVariable]]
    ) throws(MemoryReadError)
        -> ChainEnd
    {
        switch chain.kind {
        case .frameObjects:
            let innermost = RemoteAddress(state.checkedField(layout.threadStateFrame, as: UInt64.self) ?? 0)
            return try frameObjectChain(
                from: innermost, limit: limit, style: style, locals: locals, frames: &frames,
                frameLocals: &frameLocals)
        case .interpreterFrames:
            return try interpreterFrameChain(
                from: try innermostInterpreterFrame(state), limit: limit, style: style,
                locals: locals, frames: &frames, frameLocals: &frameLocals)
        }
    }

    private func innermostInterpreterFrame(_ state: UnsafeRawBufferPointer) throws(MemoryReadError) -> RemoteAddress {
        switch chain.innermost {
        case .threadStateCurrentFrame:
            return RemoteAddress(state.checkedField(layout.threadStateCurrentFrame, as: UInt64.self) ?? 0)
        case .viaCFrame:
            let cframe = RemoteAddress(state.checkedField(layout.threadStateCframe, as: UInt64.self) ?? 0)
            guard !cframe.isNull else { return .null }
            return try memory.readPointer(cframe + (layout.cframeCurrentFrame ?? 0))
        case .threadStateFrame:
            return RemoteAddress(state.checkedField(layout.threadStateFrame, as: UInt64.self) ?? 0)
        }
    }

    /// 2.7–3.10: `PyFrameObject`s. The line is `PyCode_Addr2Line(f_code, f_lasti × scale)`, which is what
    /// `PyFrame_GetLineNumber` computes when the frame is not being traced (Objects/frameobject.c).
    private func frameObjectChain(
        from innermost: RemoteAddress, limit: Int, style: FrameStyle,
        locals: LocalsReader<Memory>?, frames: inout [Frame],
        frameLocals: inout [[LocalVariable]]
    ) throws(MemoryReadError) -> ChainEnd {
        guard let backOffset = layout.frameObjectBack, let codeOffset = layout.frameObjectCode,
            let lastiOffset = layout.frameObjectLasti
        else { return .complete }
        frames.reserveCapacity(Self.typicalDepth)
        return try chains.forEach(
            from: innermost, stride: max(backOffset, codeOffset, lastiOffset) + 8,
            linkOffset: backOffset, limit: limit
        ) { frame, header throws(MemoryReadError) in
            let code = RemoteAddress(header.field(codeOffset, as: UInt64.self))
            let lasti = Int(header.field(lastiOffset, as: Int32.self)) * chain.lastiScale
            let location = try locations.location(for: code, instructionOffset: lasti, style: style)
            if let locals {
                frameLocals.append(try frameVariables(locals, frame: frame, code: code, instructionOffset: lasti))
            }
            frames.append(Frame(code: location.code, line: location.line, isEntry: true))
        }
    }

    /// 3.11+: `_PyInterpreterFrame`s. Mirrors what `sys._current_frames()` shows: frames owned by the C stack
    /// (3.12+ shims) and "incomplete" frames still in their prologue (`_PyFrame_IsIncomplete`) are skipped;
    /// the line is `PyCode_Addr2Line(code, (instr − _PyCode_CODE(code)) in bytes)` as in
    /// `PyUnstable_InterpreterFrame_GetLine` (Python/frame.c, Include/internal/pycore_frame.h).
    private func interpreterFrameChain(
        from innermost: RemoteAddress, limit: Int, style: FrameStyle,
        locals: LocalsReader<Memory>?, frames: inout [Frame],
        frameLocals: inout [[LocalVariable]]
    ) throws(MemoryReadError) -> ChainEnd {
        guard let codeOffset = layout.interpreterFrameCode, let previousOffset = layout.interpreterFramePrevious,
            let instrOffset = layout.interpreterFrameInstrPtr, let ownerOffset = layout.interpreterFrameOwner,
            let codeStart = layout.codeCodeAdaptive
        else { return .complete }
        let tlbcIndexOffset = layout.codeTLBC == nil ? nil : layout.interpreterFrameTLBCIndex
        let stride =
            max(
                codeOffset, previousOffset, instrOffset, ownerOffset, layout.interpreterFrameIsEntry ?? 0,
                tlbcIndexOffset ?? 0) + 8
        // Loop invariants, read once: the layout is a large struct.
        let entryOffset = layout.interpreterFrameIsEntry
        let cStackOwner = chain.cStackOwner, generatorOwner = chain.generatorOwner
        let codeMask = chain.taggedPointerMask, checksCodeType = chain.executableMayBeNonCode
        frames.reserveCapacity(Self.typicalDepth)
        // Whether the last record of the chain became a frame: without an `is_entry` field (3.12+) the outermost
        // frame is the one entered from C.
        var lastRecordIsFrame = false
        let end = try chains.forEach(
            from: innermost, stride: stride, linkOffset: previousOffset, limit: limit,
            growsUpward: true
        ) { frame, header throws(MemoryReadError) in
            lastRecordIsFrame = false
            let owner = header.field(ownerOffset, as: Int8.self)
            if let cStack = cStackOwner, owner == cStack {
                // A C-stack shim: the Python frame pushed just before it was entered from C.
                if !frames.isEmpty { frames[frames.count - 1].isEntry = true }
                return
            }
            let code = RemoteAddress(header.field(codeOffset, as: UInt64.self) & codeMask)
            // 3.14+ clears a returning frame's `f_executable` to PyStackRef_NULL (`_PyEval_FrameClearAndPop`,
            // Python/ceval.c) after `current_frame` has moved to its caller: a sampler that read the old
            // `current_frame` just before finds this dead record, still linked to the caller that now runs.
            // It holds no code, so it is passed over like any record that is not a Python frame.
            if code.rawValue == 0 { return }
            let instr = header.field(instrOffset, as: UInt64.self)
            var bytecode = code.rawValue &+ UInt64(codeStart)
            if let tlbcIndexOffset {
                let index = header.field(tlbcIndexOffset, as: Int32.self)
                if index != 0 { bytecode = try threadLocalBytecode(of: code, index: index).rawValue }
            }
            let offset = Int(Int64(bitPattern: instr &- bytecode))
            let location: FrameLocation
            if let known = try locations.known(code, instructionOffset: offset, style: style) {
                location = known
            } else {
                if checksCodeType, let codeType, try !isCode(code, codeType: codeType) { return }
                location = try locations.location(for: code, instructionOffset: offset, style: style)
            }
            if cStackOwner != nil, location.isInterpreterShim {
                // The entry shim seen before its owner was set (a read torn by a running thread): as above.
                if !frames.isEmpty { frames[frames.count - 1].isEntry = true }
                return
            }
            if owner != generatorOwner, offset < location.prologueEnd { return }
            if let locals {
                frameLocals.append(try frameVariables(locals, frame: frame, code: code, instructionOffset: offset))
            }
            let isEntry = entryOffset.map { header.field($0, as: UInt8.self) != 0 } ?? false
            frames.append(Frame(code: location.code, line: location.line, isEntry: isEntry))
            lastRecordIsFrame = true
        }
        if entryOffset == nil, lastRecordIsFrame, end == .complete { frames[frames.count - 1].isEntry = true }
        return end
    }

    /// A frame's arguments and locals (`dump --locals`), from its code object's full cached facts.
    private func frameVariables(
        _ locals: LocalsReader<Memory>, frame: RemoteAddress, code: RemoteAddress,
        instructionOffset: Int
    ) throws(MemoryReadError) -> [LocalVariable] {
        let info = try codes.info(for: code, instructionOffset: instructionOffset)
        return locals.variables(frame: frame, code: code, info: info, codes: codes)
    }

    /// Free-threaded 3.14+: where copy `index` of a code object's bytecode starts, the one a frame with that
    /// `tlbc_index` runs (`_PyFrame_GetBytecode`, Include/internal/pycore_frame.h): `co_tlbc->entries[index]`
    /// of a `_PyCodeArray { Py_ssize_t size; char *entries[]; }`. Copy 0 is `co_code_adaptive` itself.
    private func threadLocalBytecode(of code: RemoteAddress, index: Int32) throws(MemoryReadError) -> RemoteAddress {
        guard let arrayOffset = layout.codeTLBC else { return code }
        let array = try objects.memory.readPointer(code + arrayOffset)
        let size = try objects.memory.readInteger(array, as: Int64.self)
        guard index > 0, Int64(index) < size, size < 1 << 20 else {
            throw .implausibleSize(what: "thread-local bytecode index", size: Int(index))
        }
        return try objects.memory.readPointer(array + 8 + 8 * Int(index))
    }

    /// Whether `object` is a code object (3.13+ frames may run other executables). Known code objects are
    /// answered from the cache, confirmed in this sample.
    private func isCode(_ object: RemoteAddress, codeType: RemoteAddress) throws(MemoryReadError) -> Bool {
        if try codes.confirmed(object) != nil { return true }
        return try objects.typeOf(object) == codeType
    }
}

/// How frames are labelled: which line, and whether the short file name is kept.
struct FrameStyle: Sendable, Equatable {
    var lines: LineNumbers = .current
    var shortFilenames = true
}

extension LineNumbers {
    /// The line for a frame of `code`; `current` is only computed when needed. Unknown lines are 0.
    func pick(_ code: CodeInfo, current: () -> Int?) -> Int {
        switch self {
        case .current: return current() ?? 0
        case .functionFirstLine: return code.firstLine
        case .none: return 0
        }
    }
}

extension UnsafeRawBufferPointer {
    /// The little-endian value at `offset` of a record, or nil when the record has no such field (nil offset)
    /// or it would lie outside.
    fileprivate func checkedField<T: FixedWidthInteger>(_ offset: Int?, as _: T.Type) -> T? {
        guard let offset, offset >= 0, offset <= count - MemoryLayout<T>.size else { return nil }
        return T(littleEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    /// The little-endian value at `offset` of a frame header. Callers size headers to hold every field they read
    /// (the stride is the largest field offset plus 8), so the offset is always inside.
    fileprivate func field<T: FixedWidthInteger>(_ offset: Int, as _: T.Type) -> T {
        T(littleEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}
