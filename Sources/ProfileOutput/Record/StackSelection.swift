import ProfileModel

/// Which sampled stacks `record` and `top` keep, and the synthetic root frames they add (reference §2.1).
///
/// Run every tick's stacks through `prepare` before handing them to a `ProfileWriter`; the writers neither
/// filter nor decorate, so the number of stacks `prepare` returns is exactly what py-spy reports as
/// "Samples" when it finishes. `dump` never filters and never uses this.
package struct StackSelection: Sendable, Hashable {
    /// Keep idle threads too (`--idle`); otherwise only `active` stacks survive.
    package var includeIdle: Bool
    /// Keep only the thread that held the GIL (`--gil`).
    package var gilOnly: Bool
    /// Add a `thread (<tid>): <name>` root frame per thread (`--threads`).
    package var addThreadFrames: Bool

    package init(includeIdle: Bool = false, gilOnly: Bool = false, addThreadFrames: Bool = false) {
        self.includeIdle = includeIdle
        self.gilOnly = gilOnly
        self.addThreadFrames = addThreadFrames
    }

    /// py-spy's rule: drop a stack unless it is active or idle stacks are wanted; with `--gil`, also drop it
    /// unless it owns the GIL.
    package func includes(_ stack: ThreadStack) -> Bool {
        guard includeIdle || stack.active else { return false }
        return !gilOnly || stack.ownsGIL
    }

    /// The kept stacks, each with its synthetic root frames appended.
    /// A stack without any Python frame (a thread starting up or finishing) is dropped: it would show nowhere
    /// but in the sample count.
    package func prepare(_ stacks: [ThreadStack]) -> [ThreadStack] {
        // The common case at high rates (`--idle`, no synthetic roots): every stack kept as it is, no copy.
        if !addThreadFrames,
            stacks.allSatisfy({ includes($0) && !$0.frames.isEmpty && $0.processInfo == nil })
        {
            return stacks
        }
        return stacks.compactMap { stack in
            includes(stack) && !stack.frames.isEmpty
                ? SyntheticFrames.decorate(stack, addThreadFrame: addThreadFrames) : nil
        }
    }
}

/// The frames py-spy appends after sampling so that threads and processes become the outermost (root)
/// frames of every output. They have no file and line 0, so their labels show no parentheses.
package enum SyntheticFrames {
    /// `thread (<tid>)` or `thread (<tid>): <name>`, with the tid as `dump` shows it.
    package static func threadFrame(for stack: ThreadStack) -> Frame {
        var name = "thread (\(stack.displayThreadID))"
        if let threadName = stack.threadName { name += ": \(threadName)" }
        return Frame(name: name, filename: "", line: 0)
    }

    /// `process <pid>:"<cmdline>"`.
    package static func processFrame(for info: ProcessLineage) -> Frame {
        Frame(name: "process \(info.pid):\"\(info.commandLine)\"", filename: "", line: 0)
    }

    /// `stack` with, appended in this order, the thread frame (when asked) and a process frame for its
    /// process and each ancestor, so that read root-first the chain is
    /// `process ROOT;…;process CHILD;thread (…);<outermost python frame>;…`.
    /// Process frames are added whenever the stack carries `processInfo`, which only subprocess sampling sets.
    package static func decorate(_ stack: ThreadStack, addThreadFrame: Bool) -> ThreadStack {
        var decorated = stack
        if addThreadFrame {
            decorated.frames.append(threadFrame(for: stack))
        }
        var process = stack.processInfo
        while let info = process {
            decorated.frames.append(processFrame(for: info))
            process = info.parent
        }
        return decorated
    }
}
