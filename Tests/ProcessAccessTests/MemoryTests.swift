import MemoryTestSupport
import Testing
@testable import ProcessAccess
#if canImport(Glibc)
import Glibc
#endif

func getpidValue() -> ProcessID { getpid() }

@Suite struct LiveMemoryTests {
    @Test func readsOurOwnMemory() throws {
        let value: UInt64 = 0x1122_3344_5566_7788
        var local = value
        let memory = LiveMemory(pid: getpid())
        let address = withUnsafePointer(to: &local) { RemoteAddress(UInt64(UInt(bitPattern: $0))) }
        #expect(try memory.readInteger(address, as: UInt64.self) == value)
        #expect(try memory.readBytes(address, count: 2) == [0x88, 0x77])
        withExtendedLifetime(local) {}
    }

    @Test func reportsUnmappedAddressesAsBadAddress() {
        let memory = LiveMemory(pid: getpid())
        #expect(throws: MemoryReadError.badAddress(RemoteAddress(8), count: 8)) {
            try memory.readInteger(RemoteAddress(8), as: UInt64.self)
        }
    }

    @Test func reportsAnExitedProcess() {
        let memory = LiveMemory(pid: 99_999_999)
        #expect(throws: MemoryReadError.processExited(99_999_999)) {
            try memory.readInteger(RemoteAddress(0x1000), as: UInt8.self)
        }
    }
}

@Suite struct FakeMemoryTests {
    @Test func readsWhatWasWrittenAndFailsElsewhere() throws {
        var memory = FakeMemory()
        memory.write([UInt8](repeating: 0, count: 32), at: RemoteAddress(0x1000))
        memory.write(UInt64(0xDEAD), at: RemoteAddress(0x1008))
        #expect(try memory.readPointer(RemoteAddress(0x1008)) == RemoteAddress(0xDEAD))
        #expect(throws: MemoryReadError.self) { try memory.readBytes(RemoteAddress(0x1018), count: 16) }
    }

    @Test func blocksDecodeOnlyInsideThemselves() {
        let block = RemoteBlock(base: RemoteAddress(0), bytes: [1, 0, 0, 0, 0, 0, 0, 0, 2])
        #expect(block.integer(at: 0, as: UInt64.self) == 1)
        #expect(block.integer(at: 8, as: UInt8.self) == 2)
        #expect(block.integer(at: 2, as: UInt64.self) == nil)
        #expect(block.integer(at: -1, as: UInt8.self) == nil)
    }

    @Test func addressArithmeticNeverTraps() {
        #expect(RemoteAddress(UInt64.max).advanced(by: 1) == nil)
        #expect(RemoteAddress(4).advanced(by: -8) == nil)
        #expect(RemoteAddress(UInt64.max) + 1 == .null)
    }
}
