import Dispatch
import LiveView
import ProcessAccess
import ProfileModel
import Sampling
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// How a `top` session ended.
enum TopOutcome {
    /// `q` or Ctrl-C typed in the view.
    case quit
    /// SIGINT or SIGTERM from outside.
    case signal(Int32)
    /// The target exited; the lines are the last screen, to leave on the terminal.
    case targetExited(finalScreen: [String])
}

/// Runs the live view: the sampler on a background thread feeding the model, and this thread drawing every
/// `--delay` seconds, reading keys and following resizes. The terminal is restored before `run` returns, on
/// every path, and the sampler is stopped.
final class TopSession {
    let target: ProfiledTarget
    let settings: TopSettings
    private let shared: TopSharedState

    init(target: ProfiledTarget, settings: TopSettings) {
        self.target = target
        self.settings = settings
        shared = TopSharedState(model: TopModel(rate: settings.rate, selection: settings.selection))
    }

    func run() throws(TerminalError) -> TopOutcome {
        let terminal = try Terminal.open()
        defer { terminal.restore() }
        startSampler()
        let outcome = loop(terminal)
        terminal.restore()
        stopSampler()
        return outcome
    }

    private func loop(_ terminal: Terminal) -> TopOutcome {
        let header = target.header
        let styled = ColorPolicy.stdoutWantsColor()
        var size = terminal.size()
        var lastRefresh = Monotonic.now()
        // py-spy paints early, after ten samples, instead of leaving an empty table for a whole delay.
        var earlyPaintDone = false
        var dirty = true
        while true {
            if let signal = StopSignals.received { return .signal(signal) }
            if shared.samplerStopped == .processExited {
                let finalSize = TerminalSize(width: size.width, height: max(2, size.height - 1))
                var snapshot = shared.snapshot()
                snapshot.options.showHelp = false  // what stays on the terminal is the table, not the keys
                let lines = TopRenderer(size: finalSize, styled: styled).render(
                    header: header, snapshot: snapshot,
                    mode: .final(message: "process \(target.pid) ended"))
                return .targetExited(finalScreen: lines)
            }
            let now = Monotonic.now()
            if now - lastRefresh >= settings.delay || (!earlyPaintDone && shared.totalSamples >= 10) {
                earlyPaintDone = true
                lastRefresh = now
                shared.closeInterval()
                dirty = true
            }
            if terminal.takeResize() {
                size = terminal.size()
                dirty = true
            }
            if dirty {
                let lines = TopRenderer(size: size, styled: styled).render(header: header, snapshot: shared.snapshot())
                terminal.draw(lines, size: size)
                dirty = false
            }
            let wait = min(0.1, max(0.005, lastRefresh + settings.delay - Monotonic.now()))
            for key in TopKey.parse(terminal.readInput(timeout: wait)) {
                if key == .quit { return .quit }
                shared.apply(key)
                if key == .reset { earlyPaintDone = false }
                dirty = true
            }
        }
    }

    private func startSampler() {
        // The source is used by the sampler thread only, from here on.
        nonisolated(unsafe) let source = target.source
        let settings = settings
        let shared = shared
        let started = BackgroundThread.start {
            let sampler = Sampler(source: source, rate: settings.rate, duration: nil, stop: shared.stop)
            let reason = sampler.run { tick in
                shared.record(tick)
                return true
            }
            shared.samplerFinished(reason)
        }
        if !started { shared.samplerFinished(.requested) }
    }

    /// Asks the sampler to stop and waits a little for it, so a paused target is resumed before we exit. The
    /// wait is bounded: the sampler may be sleeping towards its next tick, where exiting is harmless.
    private func stopSampler() {
        shared.stop.request()
        _ = shared.finished.wait(timeout: .now() + .seconds(2))
    }
}

/// The state the sampler thread and the view thread share.
final class TopSharedState: Sendable {
    private let model: Mutex<TopModel>
    /// Set by the view thread to end the sampler's loop.
    let stop = SamplerStop()
    private let stopReason = Mutex<StopReason?>(nil)
    /// Signalled once when the sampler's loop has returned.
    let finished = DispatchSemaphore(value: 0)

    init(model: TopModel) {
        self.model = Mutex(model)
    }

    func record(_ tick: SampleTick) { model.withLock { $0.record(tick) } }
    func apply(_ key: TopKey) { model.withLock { $0.apply(key) } }
    func closeInterval() { model.withLock { $0.closeInterval() } }
    func snapshot() -> TopSnapshot { model.withLock { $0.snapshot() } }
    var totalSamples: Int { model.withLock { $0.totalSamples } }

    var samplerStopped: StopReason? { stopReason.withLock { $0 } }
    func samplerFinished(_ reason: StopReason) {
        stopReason.withLock { $0 = reason }
        finished.signal()
    }
}

extension ProfiledTarget {
    /// The first line of `top`'s screen: the command line, or `Pid N` when the process has none.
    var header: TopHeader {
        let commandLine = (try? ProcessInspector(pid: pid).commandLine()) ?? ""
        let command = commandLine.isEmpty ? "Pid \(pid)" : commandLine
        let process = (source as? SingleProcessSource)?.process
        return TopHeader(
            target: command, pythonVersion: process?.version.description ?? "", subprocesses: subprocesses,
            freeThreaded: process?.isFreeThreaded ?? false)
    }
}
