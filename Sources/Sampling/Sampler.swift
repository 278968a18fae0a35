import ProcessAccess
import ProfileModel
import PythonIntrospection

/// One tick of the sampler: the stacks read, or the error that prevented it (errors are data, counted and
/// shown, never fatal once attached).
public struct SampleEvent: Sendable {
    public var stacks: [ThreadStack]
    public var error: IntrospectionError?
    /// How far behind schedule this tick was taken, in seconds.
    public var lateness: Double
    /// Seconds since sampling started.
    public var time: Double
}

/// Why sampling ended.
public enum StopReason: Sendable, Equatable {
    case durationElapsed
    case processExited
    case signal(Int32)
    /// The event handler asked to stop (e.g. the `top` view's quit key).
    case requested
}

/// Samples a source (one process, or a process tree) at a randomised rate until the duration elapses, the
/// target exits, a stop signal arrives, or the handler returns false. Runs on the calling thread.
public struct Sampler {
    public let source: any SampleSource
    public var rate: Double
    public var duration: Double?

    public init(source: any SampleSource, rate: Double, duration: Double?) {
        self.source = source
        self.rate = rate
        self.duration = duration
    }

    /// Samples one process.
    public init(process: PythonProcess, rate: Double, duration: Double?, options: PythonProcess.SampleOptions) {
        self.init(source: SingleProcessSource(process: process, options: options), rate: rate, duration: duration)
    }

    public func run(onSample: (SampleEvent) -> Bool) -> StopReason {
        var timer = SampleTimer(rate: rate)
        while true {
            if let signal = StopSignals.received { return .signal(signal) }
            if let duration, timer.elapsedAtLastTick >= duration { return .durationElapsed }
            guard let lateness = timer.waitForNextTick(interrupted: { StopSignals.received != nil }) else {
                continue
            }
            let time = timer.elapsedAtLastTick
            if let duration, time >= duration { return .durationElapsed }
            let event: SampleEvent
            do {
                event = SampleEvent(stacks: try source.sample(), error: nil, lateness: lateness, time: time)
            } catch {
                if !source.isAlive { return .processExited }
                event = SampleEvent(stacks: [], error: error, lateness: lateness, time: time)
            }
            if !onSample(event) { return .requested }
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
