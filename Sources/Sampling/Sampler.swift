import Synchronization
import ProcessAccess
import ProfileModel
import PythonIntrospection

/// Why sampling ended.
public enum StopReason: Sendable, Equatable {
    case durationElapsed
    case processExited
    case signal(Int32)
    /// The owner asked to stop: the event handler returned false, or `SamplerStop.request()` was called from
    /// another thread (the `top` view's quit key).
    case requested
}

/// A stop the sampler's owner can ask for from another thread, without faking a signal. The sampler notices it
/// before its next tick (within one 50 ms sleep slice), never in the middle of a sample, so a paused target is
/// always resumed first.
public final class SamplerStop: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public func request() { flag.store(true, ordering: .relaxed) }

    public var isRequested: Bool { flag.load(ordering: .relaxed) }
}

/// Samples a source (one process, or a process tree) at a randomised rate until the duration elapses, the
/// target exits, a stop signal arrives, or the handler returns false. Runs on the calling thread.
public struct Sampler {
    public let source: any SampleSource
    public var rate: Double
    public var duration: Double?
    /// Checked before each tick, with the stop signals.
    public var stop: SamplerStop?

    public init(source: any SampleSource, rate: Double, duration: Double?, stop: SamplerStop? = nil) {
        self.source = source
        self.rate = rate
        self.duration = duration
        self.stop = stop
    }

    /// Samples one process.
    public init(process: PythonProcess, rate: Double, duration: Double?, options: PythonProcess.SampleOptions) {
        self.init(source: SingleProcessSource(process: process, options: options), rate: rate, duration: duration)
    }

    public func run(onSample: (SampleTick) -> Bool) -> StopReason {
        var timer = SampleTimer(rate: rate)
        while true {
            if let signal = StopSignals.received { return .signal(signal) }
            if stop?.isRequested == true { return .requested }
            if let duration, timer.elapsedAtLastTick >= duration { return .durationElapsed }
            guard let lateness = timer.waitForNextTick(interrupted: { StopSignals.received != nil || stop?.isRequested == true }) else {
                continue
            }
            let elapsed = timer.elapsedAtLastTick
            if let duration, elapsed >= duration { return .durationElapsed }
            let time = Duration.seconds(elapsed), late = Duration.seconds(lateness)
            let tick: SampleTick
            do {
                tick = SampleTick(stacks: try source.sample(), lateness: late, time: time)
            } catch {
                if !source.isAlive { return .processExited }
                tick = SampleTick(stacks: [], failure: error.description, lateness: late, time: time)
            }
            if !onSample(tick) { return .requested }
        }
    }
}

/// Whether a process still runs: it exists and is not a zombie (a launched child we have not reaped yet).
public enum ProcessLiveness {
    public static func isAlive(_ pid: ProcessID) -> Bool {
        guard let stat = try? ProcFiles.readBytes("/proc/\(pid)/stat", pid: pid),
              let state = ProcessInspector.state(fromStat: stat) else { return false }
        return state != UInt8(ascii: "Z") && state != UInt8(ascii: "X")
    }
}
