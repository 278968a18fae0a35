#if canImport(Glibc)
import Glibc
#endif

/// Schedules samples at exponentially distributed intervals (a Poisson process) with the requested mean rate,
/// so that periodic work in the target cannot alias with the sampling period. The schedule is absolute: each
/// tick is due at the sum of the intervals drawn so far, slept to with `clock_nanosleep(TIMER_ABSTIME)` on the
/// monotonic clock (no drift from rounding of relative sleeps). A tick that is already overdue is reported
/// with its lateness and taken at once, so a slow sampler catches up instead of silently dropping samples.
package struct SampleTimer: Sendable {
    package let rate: Double
    private let start: Double
    private var due: Double
    private var generator: SplitMix64

    package init(rate: Double, seed: UInt64 = UInt64(Monotonic.now() * 1e9)) {
        // The command line refuses a rate below 1; a non-positive one here would mean never sampling.
        self.rate = rate > 0 && rate.isFinite ? rate : 1
        start = Monotonic.now()
        due = start
        lastTick = start
        generator = SplitMix64(seed: seed)
    }

    /// When the last tick was taken, so the sampler need not read the clock again.
    private var lastTick: Double

    /// Seconds since the timer started.
    package var elapsed: Double { Monotonic.now() - start }

    /// Seconds from the timer's start to the moment the last tick was taken (`waitForNextTick` returned).
    package var elapsedAtLastTick: Double { lastTick - start }

    /// The next interval, drawn from an exponential distribution with mean 1/rate.
    mutating func nextInterval() -> Double {
        // 1 - U is in (0, 1], so the logarithm is finite.
        let uniform = 1.0 - Double(generator.next() >> 11) * 0x1.0p-53
        return -log(uniform) / rate
    }

    /// Sleeps until the next tick is due. Returns how late the tick is (0 when on time) in seconds, or nil
    /// when a signal interrupted the sleep (the caller checks why and calls again to keep waiting).
    package mutating func waitForNextTick(interrupted: () -> Bool) -> Double? {
        due += nextInterval()
        while true {
            let now = Monotonic.now()
            if now >= due {
                lastTick = now
                return now - due
            }
            if interrupted() { return nil }
            // Sleep in slices of at most 50 ms so that a stop asked for by another thread (the `top` view's quit
            // key) is noticed quickly even at low rates; signals interrupt the sleep at once anyway.
            let wake = min(due, now + 0.05)
            var target = timespec(tv_sec: Int(wake), tv_nsec: Int((wake - Double(Int(wake))) * 1e9))
            let result = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &target, nil)
            if result == EINTR, interrupted() { return nil }
        }
    }
}

/// The monotonic clock in seconds.
package enum Monotonic {
    package static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}

/// A small, fast, seedable generator (SplitMix64) for the sampling intervals.
struct SplitMix64: Sendable {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
