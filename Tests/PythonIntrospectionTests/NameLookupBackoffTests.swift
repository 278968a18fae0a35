import Testing
@testable import PythonIntrospection

/// Names `threading` did not have yet are asked for again, ever less often, and not at all once every thread
/// has one.
@Suite struct NameLookupBackoffTests {
    @Test func nothingIsDueUntilALookupMissedAName() {
        var backoff = NameLookupBackoff()
        #expect(!backoff.isDue())
        backoff.scheduleAfterLookup(stillNameless: false)
        #expect(!backoff.isDue())
    }

    @Test func retriesSlowDownToTheLongestDelayAndResetOnceNamed() {
        var backoff = NameLookupBackoff()
        var delays: [Duration] = []
        for _ in 0..<12 {
            delays.append(backoff.delay)
            backoff.scheduleAfterLookup(stillNameless: true)
        }
        #expect(delays.first == .milliseconds(20))
        #expect(zip(delays, delays.dropFirst()).allSatisfy { $1 == min($0 * 2, NameLookupBackoff.longestDelay) })
        #expect(delays.last == NameLookupBackoff.longestDelay)
        backoff.scheduleAfterLookup(stillNameless: false)
        #expect(!backoff.isDue() && backoff.delay == .milliseconds(20))
    }
}
