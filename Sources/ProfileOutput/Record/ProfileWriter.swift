import ProfileModel

/// One record output format. The sampler feeds every tick's stacks in; at the end the CLI writes the file.
///
/// Writers take stacks already passed through `StackSelection.prepare` (filtered, synthetic frames added) and
/// never touch process memory. The aggregated formats (raw, flamegraph) grow with the number of *distinct*
/// stacks, not with the number of samples, so an hour-long recording costs what a minute does; the
/// time-ordered formats (speedscope, chrometrace) must keep one small entry per sample or event.
package protocol ProfileWriter: Sendable {
    /// Records one sampling tick: every kept thread's stack, `time` after recording began.
    mutating func add(_ stacks: [ThreadStack], at time: Duration)

    /// The complete file contents for what has been added so far.
    func render() -> String

    /// Writes `render()` to a destination prepared when the recording began (see `OutputDestination`).
    func write(to destination: OutputDestination) throws(OutputFileError)
}

extension ProfileWriter {
    package func write(to destination: OutputDestination) throws(OutputFileError) {
        try destination.write(render().utf8)
    }

    /// Prepares `path` and writes to it at once.
    package func write(to path: String) throws(OutputFileError) {
        try write(to: OutputDestination(path: path))
    }
}

/// Settings every writer may need; each uses the ones that concern it.
package struct RecordOutputOptions: Sendable, Hashable {
    /// Line numbers in labels and frames.
    package var lineNumbers: LineNumbers
    /// Samples per second (`--rate`): speedscope weighs each sample as `1/rate` seconds.
    package var sampleRate: Int
    /// The flamegraph's title; py-spy uses its whole command line.
    package var title: String
    /// Written as speedscope's `exporter`, e.g. `swiftspy@0.1.0`.
    package var exporter: String
    /// The flamegraph leaves out frames spanning less than this percentage of all samples (`--min-width`).
    package var minimumWidthPercent: Double

    package static var defaultMinimumWidthPercent: Double { 0.1 }

    package init(
        lineNumbers: LineNumbers = .current, sampleRate: Int = 100, title: String = "",
        exporter: String = "swiftspy", minimumWidthPercent: Double = RecordOutputOptions.defaultMinimumWidthPercent
    ) {
        self.lineNumbers = lineNumbers
        self.sampleRate = sampleRate
        self.title = title
        self.exporter = exporter
        self.minimumWidthPercent = minimumWidthPercent
    }
}

/// The `record --format` choices.
package enum OutputFormat: String, CaseIterable, Sendable, Hashable {
    case flamegraph
    case raw
    case speedscope
    case chrometrace

    /// Parses a `--format` value the way py-spy does: case-insensitively.
    package init?(parsing text: String) {
        self.init(rawValue: text.lowercased())
    }

    /// The extension of the default output name (`<name>-<time>.<ext>`).
    package var fileExtension: String {
        switch self {
        case .flamegraph: return "svg"
        case .raw: return "txt"
        case .speedscope, .chrometrace: return "json"
        }
    }

    /// A fresh, empty writer for this format.
    package func makeWriter(options: RecordOutputOptions) -> any ProfileWriter {
        switch self {
        case .flamegraph: return FlamegraphWriter(options: options)
        case .raw: return CollapsedStacksWriter(lineNumbers: options.lineNumbers)
        case .speedscope: return SpeedscopeWriter(options: options)
        case .chrometrace: return ChromeTraceWriter(lineNumbers: options.lineNumbers)
        }
    }

    /// The lines py-spy prints after writing the file (reference §1.8). `samples` is the number of stacks
    /// that passed the filters, `errors` the number of failed sampling attempts.
    package func completionMessage(path: String, samples: Int, errors: Int) -> [String] {
        let counts = "Samples: \(samples) Errors: \(errors)"
        switch self {
        case .flamegraph:
            return ["Wrote flamegraph data to '\(path)'. \(counts)"]
        case .speedscope:
            return ["Wrote speedscope file to '\(path)'. \(counts)", "Visit https://www.speedscope.app/ to view"]
        case .raw:
            return [
                "Wrote raw flamegraph data to '\(path)'. \(counts)",
                "You can use the flamegraph.pl script from https://github.com/brendangregg/flamegraph to generate a SVG"
            ]
        case .chrometrace:
            return [
                "Wrote chrome trace to '\(path)'. \(counts)",
                "Visit chrome://tracing or https://ui.perfetto.dev/ to view"
            ]
        }
    }
}
