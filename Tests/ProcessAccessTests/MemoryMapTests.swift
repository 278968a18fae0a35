import Testing
@testable import ProcessAccess
#if canImport(Glibc)
import Glibc
#endif

@Suite struct MemoryMapTests {
    static let sample = """
        55d0c0a00000-55d0c0a01000 r--p 00000000 08:01 1048602                    /usr/bin/python3.11
        55d0c0a01000-55d0c0c00000 r-xp 00001000 08:01 1048602                    /usr/bin/python3.11
        7f10a0000000-7f10a0021000 rw-p 00000000 00:00 0
        7f10b0000000-7f10b0200000 r-xp 00042000 fd:00 393      /opt/my python/lib/libpython3.12.so.1.0 (deleted)
        7ffd1c5e0000-7ffd1c601000 rw-p 00000000 00:00 0                          [stack]
        not a maps line
        """

    @Test func parsesEveryWellFormedLine() {
        let map = MemoryMap(parsing: Self.sample)
        #expect(map.mappings.count == 5)
        let exe = map.mappings[1]
        #expect(exe.start == 0x55d0_c0a0_1000 && exe.end == 0x55d0_c0c0_0000)
        #expect(exe.isReadable && exe.isExecutable && !exe.isWritable)
        #expect(exe.fileOffset == 0x1000 && exe.inode == 1_048_602)
        #expect(exe.path == "/usr/bin/python3.11")
        #expect(map.mappings[2].path.isEmpty)
        #expect(map.mappings[4].path == "[stack]")
    }

    @Test func keepsSpacesInPathsAndFlagsDeletedFiles() {
        let lib = MemoryMap(parsing: Self.sample).mappings[3]
        #expect(lib.path == "/opt/my python/lib/libpython3.12.so.1.0")
        #expect(lib.isDeleted)
        #expect(lib.fileOffset == 0x42000)
    }

    @Test func findsTheMappingHoldingAnAddress() {
        let map = MemoryMap(parsing: Self.sample)
        #expect(map.mapping(containing: RemoteAddress(0x55d0_c0a0_0fff))?.fileOffset == 0)
        #expect(map.mapping(containing: RemoteAddress(0x55d0_c0a0_1000))?.fileOffset == 0x1000)
        #expect(map.mapping(containing: RemoteAddress(0x7f10_a002_1000)) == nil)
        #expect(!map.contains(RemoteAddress(0x10)))
        #expect(map.contains(RemoteAddress(0x7ffd_1c5e_0008)))
    }

    @Test func skipsMalformedLinesAndKeepsTheRest() {
        let text = """

            0-1000 r--p 00000000 00:00 0
            10000-20000 r-- 0 00:00 12 /bin/x
            zz-1000 r--p 00000000 00:00 0 /bad/start
            1000-2000 r--p 00000000 00:00
            1000-2000 r--p 00000000 00:00 12x /bad/inode
            10000000000000000-1 r--p 00000000 00:00 0 /too/big
            2000 r--p 00000000 00:00 0 /no/dash
            3000-4000 rw 00000000 00:00 0 /short/perms
            ABC0-FFFF0 --xp 0000000A 00:00 18446744073709551615    /upper/hex  
            """
        let map = MemoryMap(parsing: text)
        #expect(map.mappings.map(\.start) == [0, 0x10000, 0xABC0])
        #expect(map.mappings[0].path.isEmpty && !map.mappings[0].isDeleted)
        #expect(map.mappings[1].path == "/bin/x" && map.mappings[1].isReadable && !map.mappings[1].isWritable)
        let upper = map.mappings[2]
        #expect(upper.end == 0xFFFF0 && upper.fileOffset == 10 && upper.inode == UInt64.max)
        #expect(upper.isExecutable && !upper.isReadable)
        // Spaces inside and after the path are the path's own (as the kernel prints them).
        #expect(upper.path == "/upper/hex  ")
    }

    @Test func parsesTheBytesOfAFileAsItsText() throws {
        let text = try ProcFiles.readText("/proc/self/maps", pid: getpidValue())
        let fromText = MemoryMap(parsing: text).mappings
        #expect(fromText.count == text.split(separator: "\n").count)
        #expect(fromText.allSatisfy { $0.start < $0.end })
    }

    @Test func readsOurOwnMaps() throws {
        let map = try MemoryMap(pid: getpidValue())
        #expect(map.mappings.contains { $0.isExecutable && $0.path.hasPrefix("/") })
    }
}

@Suite struct ProcessInspectorTests {
    @Test func stateIsTheFieldAfterTheLastParenthesis() {
        let stat = Array("1234 (evil) name) S 1 2 3".utf8)
        #expect(ProcessInspector.state(fromStat: stat) == UInt8(ascii: "S"))
        #expect(ProcessInspector.state(fromStat: Array("no paren".utf8)) == nil)
    }

    @Test func inspectsOurselves() throws {
        let me = try ProcessInspector(pid: getpidValue())
        #expect(try me.executablePath().hasPrefix("/"))
        #expect(try !me.commandLine().isEmpty)
        #expect(ProcessTree.parent(of: getpidValue()) == getppid())
        let states = ThreadRunStates(pid: getpidValue())
        try states.refresh()
        #expect(states.threadIDs.contains(getpidValue()))
        // The test runner's own thread is running while it asks.
        #expect(try !states.runningThreads().isEmpty)
    }

    @Test func joinsCmdlineArgumentsWithSpaces() {
        let cmdline = Array("python3\0-c\0print(1)\0".utf8)
        #expect(ProcessInspector.commandLine(fromCmdline: cmdline) == "python3 -c print(1)")
        #expect(ProcessInspector.commandLine(fromCmdline: Array("a\0\0b".utf8)) == "a  b")
        #expect(ProcessInspector.commandLine(fromCmdline: Array("\0".utf8)).isEmpty)
        #expect(ProcessInspector.commandLine(fromCmdline: []).isEmpty)
        #expect(ProcessInspector.commandLine(fromCmdline: Array("caf\u{e9}\0x\0".utf8)) == "caf\u{e9} x")
    }

    @Test func rejectsMissingProcesses() {
        #expect(throws: ProcessError.noSuchProcess(0)) { try ProcessInspector(pid: 0) }
        #expect(throws: ProcessError.noSuchProcess(99_999_999)) { try ProcessInspector(pid: 99_999_999) }
    }
}

/// What `/proc/PID/stat` says about a process whose executable link is missing.
@Suite struct ProcessStatKindTests {
    @Test func kernelThreadsZombiesAndOthersAreTold() {
        // kthreadd's line (flags 2129984 = 0x208040 has PF_KTHREAD), a name with spaces and parentheses, a zombie.
        #expect(
            ProcessInspector.kind(fromStat: "2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0")
                == .kernelThread(name: "kthreadd"))
        #expect(
            ProcessInspector.kind(fromStat: "9 (my (odd) name) Z 1 9 9 0 -1 4227084 0 0")
                == .zombie)
        #expect(ProcessInspector.kind(fromStat: "9 (python3) S 1 9 9 0 -1 4194560 0 0") == .other)
        #expect(ProcessInspector.kind(fromStat: "garbage") == .other)
    }

    /// Every kernel thread on this machine (there may be none in a container) is named as one.
    @Test func aKernelThreadPidSaysSo() throws {
        let pids = (try? DirectoryListing.numericEntries("/proc", pid: 0)) ?? []
        let kernelThread = pids.first { pid in
            guard let stat = try? ProcFiles.readText("/proc/\(pid)/stat", pid: pid) else { return false }
            if case .kernelThread = ProcessInspector.kind(fromStat: stat) { return true }
            return false
        }
        guard let pid = kernelThread else { return }
        do {
            _ = try ProcessInspector(pid: pid).executablePath()
            Issue.record("kernel thread \(pid) has an executable")
        } catch {
            guard case .kernelThread(pid, _) = error else {
                Issue.record("kernel thread \(pid): \(error)")
                return
            }
            #expect(error.description.contains("is a kernel thread, not a Python program"))
        }
    }
}
