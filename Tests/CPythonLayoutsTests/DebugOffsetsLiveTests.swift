import CPythonLayouts
import Foundation
import Testing

/// Reads `_Py_DebugOffsets` out of a real 3.13.0 interpreter (its own `_PyRuntime`, through ctypes) and checks
/// that decoding it reproduces the table compiled from the same release's headers.
@Suite struct DebugOffsetsLiveTests {
    static var hasPython313: Bool { FileManager.default.isExecutableFile(atPath: TestEnvironment.python313) }

    @Test(.enabled(if: hasPython313, "pyenv's 3.13.0 interpreter is not installed"))
    func liveBlockMatchesTheGeneratedTable() throws {
        let count = DebugOffsets.bytesToRead(forMinor: 13)
        let script = """
            import ctypes
            runtime = ctypes.addressof(ctypes.c_char.in_dll(ctypes.pythonapi, "_PyRuntime"))
            print(ctypes.string_at(runtime, \(count)).hex())
            """
        let result = try TestEnvironment.run(TestEnvironment.python313, ["-c", script])
        try #require(result.status == 0, Comment(rawValue: result.output))
        let bytes = try #require(Self.hexBytes(result.output.trimmingCharacters(in: .whitespacesAndNewlines)))

        let offsets = try DebugOffsets.decode(bytes, expectedMinor: 13)
        #expect(offsets.versionHex == 0x030d_00f0)
        #expect(!offsets.isFreeThreaded)
        #expect(offsets.value("runtime_state", "interpreters_head") == 632)
        #expect(offsets.value("interpreter_state", "threads_head") == 7344)
        #expect(offsets.value("thread_state", "current_frame") == 72)
        #expect(offsets.applied(to: .v3_13) == .v3_13)
    }

    static func hexBytes(_ text: String) -> [UInt8]? {
        guard text.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count / 2)
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}
