import ProfileModel

/// The frames a walk puts at the outer end of a stack it could not read whole, so that every output shows the
/// stack was cut (and where) rather than passing a part off as the whole. Their names are fixed, with no
/// address or count that changes from sample to sample, so that a recording adds them up like any frame; they
/// have no file and no line, as the synthetic `thread (…)` frames.
enum ChainMarkers {
    /// The stack went on past `StackWalker.maxFrames`: its innermost frames are kept.
    static let truncated = Frame(
        code: .shared(
            name: "<truncated: more than \(maxFramesText) frames>",
            filename: ""), line: 0)
    /// The frame chain led back to a frame already read: the frames before the loop are kept.
    static let loop = Frame(code: .shared(name: "<frame chain loops: outer frames unknown>", filename: ""), line: 0)
    /// A frame could not be read (the stack changed while it was read, or the memory is garbage): the frames
    /// read before it are kept.
    static let unreadable = Frame(
        code: .shared(name: "<unreadable frame: outer frames unknown>", filename: ""),
        line: 0)

    private static var maxFramesText: String {
        // Grouped in thousands, as a person would write it.
        var digits = Array(String(StackWalkerLimits.maxFrames))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: index)
            index -= 3
        }
        return String(digits)
    }
}

/// The walker's last-resort bounds (a generic type cannot hold them as stored statics).
enum StackWalkerLimits {
    /// Deeper than this, a stack is cut, keeping its innermost frames (`ChainMarkers.truncated`). Not a check
    /// of plausibility: loops are caught whatever their length (`CycleDetector`), and real stacks deeper than
    /// the 4,096 of earlier versions are ordinary (a recursion limit raised; 2.7 to 3.10 reach a million frames
    /// in a thread with a 1 GiB stack, 3.11+ need no C stack for it). It only bounds what one thread's stack can
    /// cost the sampler: 4,194,304 frames of 24 bytes, 96 MiB.
    static let maxFrames = 1 << 22
    /// More thread states than this cannot be a real thread list: Linux never has more threads than pids, and
    /// `PID_MAX_LIMIT` (include/linux/threads.h) is 4,194,304 on 64-bit kernels.
    static let maxThreads = 1 << 22
}
