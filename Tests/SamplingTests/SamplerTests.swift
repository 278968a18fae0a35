import Dispatch
import ProfileModel
import PythonIntrospection
import Sampling
import Synchronization
import Testing

/// A sample source that plays a script: each call to `sample()` takes the next step (a stack, or a failure while
/// the process lives or after it died), and the last step repeats.
final class ScriptedSource: SampleSource, @unchecked Sendable {
    enum Step { case stacks(Int), failure, exited }

    private let steps: [Step]
    private let calls = Atomic<Int>(0)
    private let alive = Atomic<Bool>(true)

    init(_ steps: [Step]) { self.steps = steps }

    var sampled: Int { calls.load(ordering: .relaxed) }

    func sample() throws(IntrospectionError) -> [ThreadStack] {
        let index = calls.add(1, ordering: .relaxed).oldValue
        switch steps[min(index, steps.count - 1)] {
        case .stacks(let count):
            return (0..<count).map {
                ThreadStack(pid: 1, threadID: UInt64($0), active: true, ownsGIL: false, frames: [])
            }
        case .failure:
            throw .corruptState("scripted failure")
        case .exited:
            alive.store(false, ordering: .relaxed)
            throw .corruptState("scripted exit")
        }
    }

    var isAlive: Bool { alive.load(ordering: .relaxed) }
    var processCount: Int { 1 }
}

/// The sampling loop's ways of ending and what it hands its handler, over a scripted source (no process).
@Suite struct SamplerTests {
    @Test func aDurationEndsTheRunAfterTicksWithinIt() {
        let source = ScriptedSource([.stacks(2)])
        var times: [Duration] = []
        let reason = Sampler(source: source, rate: 200, duration: 0.1).run { tick in
            #expect(tick.stacks.count == 2 && tick.failure == nil)
            times.append(tick.time)
            return true
        }
        #expect(reason == .durationElapsed)
        #expect(!times.isEmpty && times.allSatisfy { $0 < .milliseconds(100) }, "tick times \(times)")
        #expect(times == times.sorted())
    }

    @Test func aFailedSampleOfALiveProcessIsAnEventAndTheRunGoesOn() {
        let source = ScriptedSource([.failure, .stacks(1)])
        var ticks: [SampleTick] = []
        let reason = Sampler(source: source, rate: 1000, duration: nil).run { tick in
            ticks.append(tick)
            return ticks.count < 3
        }
        #expect(reason == .requested)
        #expect(ticks.count == 3)
        #expect(ticks.first?.failure == IntrospectionError.corruptState("scripted failure").description)
        #expect(ticks.first?.stacks.isEmpty == true)
        #expect(ticks.dropFirst().allSatisfy { $0.failure == nil && $0.stacks.count == 1 })
    }

    @Test func aFailureOnceTheProcessHasExitedEndsTheRun() {
        let source = ScriptedSource([.stacks(1), .exited])
        var events = 0
        let reason = Sampler(source: source, rate: 1000, duration: nil).run { _ in
            events += 1
            return true
        }
        #expect(reason == .processExited)
        #expect(events == 1, "the failed read of the dead process is not handed on as a sample")
    }

    /// What `top`'s quit key does: another thread asks, and the loop ends before its next tick, even at a rate
    /// so low that the next tick would be far away (the sleep is sliced).
    @Test func aStopAskedForFromAnotherThreadEndsTheRun() async {
        let source = ScriptedSource([.stacks(1)])
        let stop = SamplerStop()
        let ended = DispatchSemaphore(value: 0)
        let reason = Mutex<StopReason?>(nil)
        DispatchQueue.global().async {
            let result = Sampler(source: source, rate: 0.01, duration: nil, stop: stop).run { _ in true }
            reason.withLock { $0 = result }
            ended.signal()
        }
        stop.request()
        let finished = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: ended.wait(timeout: .now() + 10) == .success)
            }
        }
        #expect(finished, "the sampler did not notice the stop within 10 s (its next tick was 100 s away)")
        #expect(reason.withLock { $0 } == .requested)
        #expect(source.sampled <= 1)
    }
}
