/// One tick of the sampler, as everything downstream sees it (`record`'s writers and progress line, `top`'s
/// model): the stacks read, or why nothing could be read, and when.
///
/// The failure is kept as its sentence: consumers count failures by reason and show the last one, and the
/// sampler's typed error (`IntrospectionError`) stays in the targets that read processes.
package struct SampleTick: Sendable {
    package var stacks: [ThreadStack]
    /// Why this tick read nothing, as one sentence; nil when the read worked (even if it kept no stack).
    package var failure: String?
    /// How far behind schedule the tick was taken.
    package var lateness: Duration
    /// When the tick was taken, counted from the start of sampling.
    package var time: Duration

    package init(stacks: [ThreadStack], failure: String? = nil, lateness: Duration = .zero, time: Duration = .zero) {
        self.stacks = stacks
        self.failure = failure
        self.lateness = lateness
        self.time = time
    }
}

extension Duration {
    /// The duration in seconds, for arithmetic with rates and for display.
    package var inSeconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) * 1e-18
    }
}
