import MemoryTestSupport
import ProcessAccess
import Testing
@testable import PythonIntrospection

/// Kernel tids from `struct pthread` on Python ≤ 3.10: the calibration must survive the moments when it cannot
/// succeed (a thread whose state still carries its parent's `pthread_t`, a thread already gone).
@Suite struct PthreadTIDResolverTests {
    let first: UInt64 = 0x7000_0000
    let second: UInt64 = 0x7100_0000

    /// Two threads' `struct pthread`s, each holding its tid at glibc's x86_64 offset.
    func memory() -> FakeMemory {
        var memory = FakeMemory()
        for (pthread, tid) in [(first, Int32(101)), (second, Int32(102))] {
            memory.write([UInt8](repeating: 0, count: 2048), at: RemoteAddress(pthread))
            memory.write(tid, at: RemoteAddress(pthread + 0x2D0))
        }
        return memory
    }

    @Test func aThreadStillCarryingItsParentsIdentityDoesNotSpoilTheCalibration() {
        let resolver = PthreadTIDResolver()
        // A new thread's state briefly has its parent's pthread_t: the same id twice.
        let tids = resolver.resolve(threadIDs: [first, first, second], liveTIDs: [101, 102], memory: memory())
        #expect(tids == [first: 101, second: 102])
    }

    @Test func aFailedCalibrationIsRetriedWhenTheThreadsChange() {
        let resolver = PthreadTIDResolver()
        let gone: UInt64 = 0x7200_0000  // its struct pthread is no longer mapped
        #expect(resolver.resolve(threadIDs: [first, gone], liveTIDs: [101, 102], memory: memory()).isEmpty)
        #expect(
            resolver.resolve(threadIDs: [first, second], liveTIDs: [101, 102], memory: memory())
                == [first: 101, second: 102])
    }

    @Test func aThreadWhoseTidIsNotLiveYetStillLetsTheOthersResolve() {
        // The second thread's tid is not (yet, or any more) in the task list: the strict rule fails, but glibc's
        // offset names a live tid for one of the two, so the first sample already resolves that one.
        let tids = PthreadTIDResolver().resolve(threadIDs: [first, second], liveTIDs: [101], memory: memory())
        #expect(tids == [first: 101])
    }

    @Test func retriesAreBounded() {
        let resolver = PthreadTIDResolver()
        // Every set of threads tried fails (no struct pthread mapped): after `maxAttempts` of them the resolver
        // stops trying, even when a good set comes along.
        for index in 0..<PthreadTIDResolver.maxAttempts {
            let unmapped = 0x9000_0000 + UInt64(index) << 16
            #expect(resolver.resolve(threadIDs: [unmapped], liveTIDs: [101, 102], memory: memory()).isEmpty)
        }
        #expect(resolver.resolve(threadIDs: [first, second], liveTIDs: [101, 102], memory: memory()).isEmpty)
    }
}
