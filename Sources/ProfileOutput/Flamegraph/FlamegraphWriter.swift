import ProfileModel

/// The `flamegraph` format (py-spy's default): an interactive SVG icicle graph of the collapsed stacks.
///
/// It aggregates exactly as `raw` does, so memory follows the number of distinct stacks; the tree and the SVG
/// are only built when the file is rendered.
public struct FlamegraphWriter: ProfileWriter, Sendable {
    private var counts: CollapsedStackCounts
    private let title: String

    public init(options: RecordOutputOptions = RecordOutputOptions()) {
        counts = CollapsedStackCounts(lineNumbers: options.lineNumbers)
        title = options.title
    }

    public mutating func add(_ stacks: [ThreadStack], at time: Duration) {
        for stack in stacks { counts.add(stack) }
    }

    public func render() -> String {
        FlamegraphSVG.render(FlameTree(stacks: counts.labelledStacks()), title: title)
    }

    /// How many distinct stacks are held: the writer's memory is proportional to this.
    public var distinctStackCount: Int { counts.distinctStackCount }
}
