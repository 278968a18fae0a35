import LiveTestSupport
import Foundation

/// The line `park_threads.py` prints once every thread is parked: CPython's own account of its stacks.
///
/// This is the ground truth the dump tests compare against; see `Targets/reporter.py` for how it is produced.
struct TargetReport: Decodable, Sendable {
    struct Thread: Decodable, Sendable {
        /// `threading` ident, i.e. `PyThreadState.thread_id` (the `pthread_t`).
        let ident: UInt64
        /// `Thread.name`; nil for a thread `threading` does not know.
        let name: String?
        /// Kernel tid, recorded by the thread itself.
        let nativeID: UInt64?
        /// Innermost first.
        let frames: [Frame]

        enum CodingKeys: String, CodingKey {
            case ident, name, frames
            case nativeID = "native_id"
        }
    }

    struct Frame: Decodable, Sendable, Equatable, CustomStringConvertible {
        /// `co_name`.
        let name: String
        /// `co_filename`.
        let filename: String
        /// `f_lineno`.
        let line: Int

        var description: String { "\(name) (\(filename):\(line))" }
    }

    let pid: Int32
    /// `platform.python_version()`, e.g. `3.11.7`.
    let pythonVersion: String
    let executable: String
    /// The reporter thread, which the tests ignore: it is not parked at a known place.
    let reporterIdent: UInt64
    let reporterNativeID: UInt64
    /// Idents in thread start order, main thread first (the reporter, started last, is not listed).
    let startOrder: [UInt64]
    /// Every thread but the reporter.
    let threads: [Thread]

    enum CodingKeys: String, CodingKey {
        case pid, executable, threads
        case pythonVersion = "python_version"
        case reporterIdent = "reporter_ident"
        case reporterNativeID = "reporter_native_id"
        case startOrder = "start_order"
    }

    /// The major version, from `python_version`.
    var majorVersion: Int? { pythonVersion.split(separator: ".").first.flatMap { Int($0) } }

    /// Decodes the line, or turns the target's own `{"error": …}` line into a thrown error.
    static func decode(line: String) throws -> TargetReport {
        let data = Data(line.utf8)
        if let failure = try? JSONDecoder().decode(TargetFailure.self, from: data) {
            throw LiveTestError("the target gave up: \(failure.error)")
        }
        do {
            return try JSONDecoder().decode(TargetReport.self, from: data)
        } catch {
            throw LiveTestError("the target's report is not the expected JSON (\(error)): \(line.prefix(500))")
        }
    }

    private struct TargetFailure: Decodable {
        let error: String
    }
}
