import ProfileModel

/// The `flamegraph` format (py-spy's default): an interactive SVG icicle graph of the collapsed stacks.
///
/// It aggregates exactly as `raw` does, so memory follows the number of distinct stacks; the frames are only
/// computed when the file is written, and the SVG is streamed into it. Frames narrower than the minimum width
/// (`--min-width`, 0.1 % of all samples by default, the convention of flamegraph.pl's and inferno's users) are
/// merged away with everything they called: a recording of never-repeating stacks stays a picture a browser
/// opens at once, not tens of megabytes of slivers nobody can see.
package struct FlamegraphWriter: ProfileWriter, Sendable {
    private var counts: CollapsedStackCounts
    private let title: String
    private let minimumFraction: Double

    package init(options: RecordOutputOptions = RecordOutputOptions()) {
        counts = CollapsedStackCounts(lineNumbers: options.lineNumbers)
        title = options.title
        minimumFraction = options.minimumWidthPercent / 100
    }

    package mutating func add(_ stacks: [ThreadStack], at time: Duration) {
        for stack in stacks { counts.add(stack) }
    }

    package func render() -> String {
        FlamegraphSVG.render(counts.flameCells(minimumFraction: minimumFraction), title: title)
    }

    /// Streams the SVG into the file rather than building its whole text first.
    package func write(to destination: OutputDestination) throws(OutputFileError) {
        let cells = counts.flameCells(minimumFraction: minimumFraction)
        try destination.write { emit in FlamegraphSVG.write(cells, title: title, emit: emit) }
    }

    /// How many distinct stacks are held: the writer's memory is proportional to this.
    package var distinctStackCount: Int { counts.distinctStackCount }
}
