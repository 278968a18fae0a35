import Synchronization
import ProcessAccess
import ProfileModel
import PythonIntrospection

/// Why sampling ended.
package enum StopReason: Sendable, Equatable {
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
package final class SamplerStop: Sendable {
    private let flag = Atomic<Bool>(false)

    package init() {}

    package func request() { flag.store(true, ordering: .relaxed) }

    package var isRequested: Bool { flag.load(ordering: .relaxed) }
}

/// Samples a source (one process, or a process tree) at a randomised rate until the duration elapses, the
/// target exits, a stop signal arrives, the handler returns false, or `stop` is requested. Runs on the calling
/// thread.
package struct Sampler {
    package let source: any SampleSource
    package var rate: Double
    package var duration: Double?
    /// Checked before each tick, with the stop signals.
    package var stop: SamplerStop?

    package init(source: any SampleSource, rate: Double, duration: Double?, stop: SamplerStop? = nil) {
        self.source = source
        self.rate = rate
        self.duration = duration
        self.stop = stop
    }

    /// Samples one process.
    package init(process: PythonProcess, rate: Double, duration: Double?, options: PythonProcess.SampleOptions) {
        self.init(source: SingleProcessSource(process: process, options: options), rate: rate, duration: duration)
    }

    package func run(onSample: (SampleTick) -> Bool) -> StopReason {
        var timer = SampleTimer(rate: rate)
        let stop = stop
        let stopAsked = { StopSignals.received != nil || stop?.isRequested == true }
        while true {
            if let signal = StopSignals.received { return .signal(signal) }
            if stop?.isRequested == true { return .requested }
            if let duration, timer.elapsedAtLastTick >= duration { return .durationElapsed }
            guard let lateness = timer.waitForNextTick(interrupted: stopAsked) else {
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
package enum ProcessLiveness {
    package static func isAlive(_ pid: ProcessID) -> Bool {
        guard let stat = try? ProcFiles.readBytes("/proc/\(pid)/stat", pid: pid),
            let state = ProcessInspector.state(fromStat: stat)
        else { return false }
        return state != UInt8(ascii: "Z") && state != UInt8(ascii: "X")
    }
}
