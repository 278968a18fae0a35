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

/// Samples one process at a randomised rate until the duration elapses, the process exits, a stop signal
/// arrives, or the handler returns false. Runs on the calling thread.
public struct Sampler {
    public let process: PythonProcess
    public var rate: Double
    public var duration: Double?
    public var options: PythonProcess.SampleOptions

    public init(process: PythonProcess, rate: Double, duration: Double?, options: PythonProcess.SampleOptions) {
        self.process = process
        self.rate = rate
        self.duration = duration
        self.options = options
    }

    public func run(onSample: (SampleEvent) -> Bool) -> StopReason {
        var timer = SampleTimer(rate: rate)
        while true {
            if let signal = StopSignals.received { return .signal(signal) }
            if let duration, timer.elapsed >= duration { return .durationElapsed }
            guard let lateness = timer.waitForNextTick(interrupted: { StopSignals.received != nil }) else {
                continue
            }
            let time = timer.elapsed
            if let duration, time >= duration { return .durationElapsed }
            let event: SampleEvent
            do {
                event = SampleEvent(stacks: try process.sample(options), error: nil, lateness: lateness, time: time)
            } catch {
                if !ProcessLiveness.isAlive(process.pid) { return .processExited }
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
