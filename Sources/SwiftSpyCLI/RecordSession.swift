import ProfileModel
import ProfileOutput
import PythonIntrospection
import Sampling
#if canImport(Glibc)
import Glibc
#endif

/// One `record` run: sample, feed the writer, show progress, and write the file however the run ends. A run in
/// which samples were attempted and every one failed throws `EverySampleFailed` once the file is written.
struct RecordSession {
    let source: any SampleSource
    let format: OutputFormat
    let lineNumbers: LineNumbers
    let rate: Int
    /// `--min-width`, in percent of all samples.
    let minimumWidth: Double
    let duration: Double?
    let title: String
    let selection: StackSelection
    let showProgress: Bool

    func run(writingTo destination: OutputDestination) throws {
        var writer = format.makeWriter(
            options: RecordOutputOptions(
                lineNumbers: lineNumbers, sampleRate: rate, title: title, exporter: SwiftSpyVersion.current,
                minimumWidthPercent: minimumWidth))
        var samples = 0
        var failures = SampleFailures()
        // Ticks whose read succeeded, whether or not they kept a stack (idle threads are dropped without --idle).
        var readTicks = 0
        var progress = ProgressLine(enabled: showProgress && isatty(STDERR_FILENO) == 1)
        let durationText = duration.map { " for \(DecimalText.trimmed($0, decimals: 3)) seconds" } ?? ""
        print("Sampling process \(rate) times a second\(durationText). Press Control-C to exit.\n")
        flushStdout()

        let sampler = Sampler(source: source, rate: Double(rate), duration: duration)
        let reason = sampler.run { tick in
            if let failure = tick.failure {
                failures.add(failure)
            } else {
                readTicks += 1
                let kept = selection.prepare(tick.stacks)
                samples += kept.count
                writer.add(kept, at: tick.time)
            }
            progress.update(now: tick.time, samples: samples, errors: failures.total, behind: tick.lateness, rate: rate)
            return true
        }
        progress.finish()
        switch reason {
        case .processExited: print("Stopped sampling because process exited")
        case .signal(SIGINT): print("Stopped sampling because Control-C pressed")
        case .signal(let signal):
            print("Stopped sampling because signal \(signal) (\(Self.signalName(signal))) was received")
        case .durationElapsed, .requested: break
        }
        try writer.write(to: destination)
        for line in format.completionMessage(path: destination.path, samples: samples, errors: failures.total) {
            print(line)
        }
        if readTicks == 0, let reason = failures.mostCommon {
            flushStdout()
            throw EverySampleFailed(attempts: failures.total, path: destination.path, reason: reason)
        }
    }

    static func signalName(_ signal: Int32) -> String {
        signal == SIGTERM ? "SIGTERM" : String(cString: strsignal(signal))
    }
}

func flushStdout() { fflush(nil) }
