import LiveView
import ProfileModel

/// Small stacks for the model and renderer tests: a `work.py` whose `<module>` calls `middle`, which calls
/// `leaf`, and a recursive `walk`.
enum Fixtures {
    static func frame(_ name: String, _ line: Int, file: String = "/home/u/work.py", short: String? = "work.py")
        -> Frame
    {
        Frame(name: name, filename: file, shortFilename: short, line: line)
    }

    static let leaf = frame("leaf", 6)
    static let leafOtherLine = frame("leaf", 7)
    static let middle = frame("middle", 11)
    static let module = frame("<module>", 19)

    /// A running thread holding the GIL, innermost frame first.
    static func running(_ frames: [Frame], gil: Bool = true, thread: UInt64 = 1) -> ThreadStack {
        ThreadStack(pid: 42, threadID: thread, active: true, ownsGIL: gil, frames: frames)
    }

    static func idle(_ frames: [Frame], thread: UInt64 = 2) -> ThreadStack {
        ThreadStack(pid: 42, threadID: thread, active: false, ownsGIL: false, frames: frames)
    }

    static let mainStack = [leaf, middle, module]

    /// A model with a 100 Hz rate (one sample = 0.01 s) that has recorded `ticks`.
    static func model(_ ticks: [SampleTick], rate: Double = 100, closing: Bool = true) -> TopModel {
        var model = TopModel(rate: rate)
        for tick in ticks { model.record(tick) }
        if closing { model.closeInterval() }
        return model
    }

    static func ticks(_ count: Int, _ stacks: [ThreadStack]) -> [SampleTick] {
        Array(repeating: SampleTick(stacks: stacks), count: count)
    }

    static func row(_ snapshot: TopSnapshot, _ label: String) -> TopRow? {
        snapshot.rows.first { $0.label == label }
    }
}
