import LiveTestSupport
import Foundation

/// A `speedscope` file, validated against py-spy's layout (reference §2.4) while it is read.
struct SpeedscopeProfile: Sendable {
    struct Frame: Sendable {
        let name: String
        let file: String
        /// nil when written as `null` (`--nolineno`).
        let line: Int?
    }

    struct Profile: Sendable {
        let name: String
        let endValue: Double
        /// Frame indices, root first.
        let samples: [[Int]]
        let weights: [Double]
    }

    let frames: [Frame]
    let profiles: [Profile]

    var sampleCount: Int { profiles.reduce(0) { $0 + $1.samples.count } }
    var totalWeight: Double { profiles.reduce(0) { $0 + $1.weights.reduce(0, +) } }

    /// Samples (over all profiles) that have a frame named `function`.
    func samples(in function: String) -> Int {
        let indices = Set(frames.indices.filter { frames[$0].name == function })
        return profiles.reduce(0) { $0 + $1.samples.filter { !indices.isDisjoint(with: $0) }.count }
    }

    static func parse(_ data: Data, rate: Int) throws -> SpeedscopeProfile {
        let document = try JSONCheck.object(try JSONCheck.parse(data), "the speedscope document")
        let schema = try JSONCheck.string(document["$schema"], "$schema")
        guard schema == "https://www.speedscope.app/file-format-schema.json" else {
            throw LiveTestError("$schema is \(schema.debugDescription)")
        }
        _ = try JSONCheck.string(document["exporter"], "exporter")
        _ = try JSONCheck.string(document["name"], "name")
        let shared = try JSONCheck.object(document["shared"], "shared")
        let frames = try JSONCheck.array(shared["frames"], "shared.frames").enumerated().map { index, value in
            let frame = try JSONCheck.object(value, "frame #\(index)")
            guard frame["col"] is NSNull else { throw LiveTestError("frame #\(index) col should be null") }
            return Frame(
                name: try JSONCheck.string(frame["name"], "frame #\(index) name"),
                file: try JSONCheck.string(frame["file"], "frame #\(index) file"),
                line: frame["line"] is NSNull ? nil : try JSONCheck.integer(frame["line"], "frame #\(index) line"))
        }
        let profiles = try JSONCheck.array(document["profiles"], "profiles").enumerated().map { index, value in
            let profile = try JSONCheck.object(value, "profile #\(index)")
            let context = "profile #\(index)"
            guard try JSONCheck.string(profile["type"], "\(context) type") == "sampled" else {
                throw LiveTestError("\(context) type is not \"sampled\"")
            }
            guard try JSONCheck.string(profile["unit"], "\(context) unit") == "seconds" else {
                throw LiveTestError("\(context) unit is not \"seconds\"")
            }
            guard try JSONCheck.number(profile["startValue"], "\(context) startValue") == 0 else {
                throw LiveTestError("\(context) startValue is not 0")
            }
            let samples = try JSONCheck.array(profile["samples"], "\(context) samples").map { sample in
                try JSONCheck.array(sample, "\(context) sample").map {
                    try JSONCheck.integer($0, "\(context) frame index")
                }
            }
            for sample in samples where sample.contains(where: { !frames.indices.contains($0) }) {
                throw LiveTestError("\(context) has a sample with a frame index outside shared.frames: \(sample)")
            }
            let weights = try JSONCheck.array(profile["weights"], "\(context) weights").map {
                try JSONCheck.number($0, "\(context) weight")
            }
            guard weights.count == samples.count else {
                throw LiveTestError("\(context) has \(samples.count) samples but \(weights.count) weights")
            }
            let interval = 1 / Double(rate)
            if let odd = weights.first(where: { abs($0 - interval) > 1e-9 }) {
                throw LiveTestError("\(context) has a weight \(odd), expected 1/rate = \(interval)")
            }
            let endValue = try JSONCheck.number(profile["endValue"], "\(context) endValue")
            guard abs(endValue - Double(samples.count) * interval) < 1e-6 else {
                throw LiveTestError(
                    "\(context) endValue \(endValue) is not samples/rate = \(Double(samples.count) * interval)")
            }
            return Profile(
                name: try JSONCheck.string(profile["name"], "\(context) name"), endValue: endValue, samples: samples,
                weights: weights)
        }
        guard !profiles.isEmpty else { throw LiveTestError("the speedscope file has no profiles") }
        return SpeedscopeProfile(frames: frames, profiles: profiles)
    }
}

/// A `chrometrace` file: a JSON array of `B`/`E` duration events (reference §2.5), validated while read.
///
/// swiftspy also writes `M` (metadata) events naming each thread and process, deliberately beyond py-spy
/// (`ChromeTraceWriter`); viewers accept them, so they are allowed here and checked for their own shape.
struct ChromeTrace: Sendable {
    struct Event: Sendable {
        let name: String
        /// Empty for metadata events.
        let filename: String
        let line: Int?
        let phase: String
        let pid: Int
        let tid: Int
        /// 0 for metadata events, which carry no timestamp.
        let ts: Double

        var begins: Bool { phase == "B" }
        var isMetadata: Bool { phase == "M" }
    }

    let events: [Event]

    static func parse(_ data: Data) throws -> ChromeTrace {
        let array = try JSONCheck.array(try JSONCheck.parse(data), "the chrome trace (a top-level array)")
        let events = try array.enumerated().map { index, value in
            let event = try JSONCheck.object(value, "event #\(index)")
            let context = "event #\(index)"
            let args = try JSONCheck.object(event["args"], "\(context) args")
            let phase = try JSONCheck.string(event["ph"], "\(context) ph")
            let name = try JSONCheck.string(event["name"], "\(context) name")
            let pid = try JSONCheck.integer(event["pid"], "\(context) pid")
            let tid = try JSONCheck.integer(event["tid"], "\(context) tid")
            if phase == "M" {
                guard name == "thread_name" || name == "process_name" else {
                    throw LiveTestError("\(context) is metadata named \(name.debugDescription)")
                }
                _ = try JSONCheck.string(args["name"], "\(context) args.name")
                return Event(name: name, filename: "", line: nil, phase: phase, pid: pid, tid: tid, ts: 0)
            }
            guard phase == "B" || phase == "E" else {
                throw LiveTestError("\(context) ph is \(phase.debugDescription)")
            }
            guard try JSONCheck.string(event["cat"], "\(context) cat") == "py-spy" else {
                throw LiveTestError("\(context) cat is not \"py-spy\"")
            }
            return Event(
                name: name, filename: try JSONCheck.string(args["filename"], "\(context) args.filename"),
                line: args["line"] is NSNull ? nil : try JSONCheck.integer(args["line"], "\(context) args.line"),
                phase: phase, pid: pid, tid: tid, ts: try JSONCheck.number(event["ts"], "\(context) ts"))
        }
        return ChromeTrace(events: events)
    }

    /// Problems with the B/E sequence: a timestamp going backwards, an `E` that does not close the innermost open
    /// `B` of its (pid, tid), or a `B` never closed. Empty when the trace is well-formed.
    var sequenceProblems: [String] {
        var problems: [String] = []
        var open: [String: [Event]] = [:]
        var previous = -Double.infinity
        for (index, event) in events.enumerated() where !event.isMetadata {
            if event.ts < previous { problems.append("event #\(index) ts \(event.ts) is before \(previous)") }
            previous = max(previous, event.ts)
            let key = "\(event.pid)/\(event.tid)"
            if event.begins {
                open[key, default: []].append(event)
            } else if let top = open[key]?.last, top.name == event.name, top.filename == event.filename,
                top.line == event.line
            {
                open[key]?.removeLast()
            } else {
                problems.append(
                    "event #\(index) ends \(event.name) on \(key), but the innermost open frame is \(open[key]?.last?.name ?? "none")"
                )
            }
        }
        for (key, frames) in open where !frames.isEmpty {
            problems.append("\(frames.count) frame(s) never ended on \(key): \(frames.map(\.name))")
        }
        return Array(problems.prefix(10))
    }
}

/// Typed access into `JSONSerialization` output, naming what was expected in every error.
enum JSONCheck {
    static func parse(_ data: Data) throws -> Any {
        do {
            return try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw LiveTestError("not JSON (\(error)): \(String(decoding: data.prefix(300), as: UTF8.self))")
        }
    }

    static func object(_ value: Any?, _ what: String) throws -> [String: Any] {
        guard let object = value as? [String: Any] else { throw LiveTestError("\(what) is not a JSON object") }
        return object
    }

    static func array(_ value: Any?, _ what: String) throws -> [Any] {
        guard let array = value as? [Any] else { throw LiveTestError("\(what) is not a JSON array") }
        return array
    }

    static func string(_ value: Any?, _ what: String) throws -> String {
        guard let string = value as? String else { throw LiveTestError("\(what) is not a string") }
        return string
    }

    static func number(_ value: Any?, _ what: String) throws -> Double {
        if let integer = value as? Int { return Double(integer) }
        if let double = value as? Double { return double }
        if let number = value as? NSNumber { return number.doubleValue }
        throw LiveTestError("\(what) is not a number")
    }

    static func integer(_ value: Any?, _ what: String) throws -> Int {
        let number = try number(value, what)
        guard number == number.rounded(), let integer = Int(exactly: number) else {
            throw LiveTestError("\(what) is not an integer: \(number)")
        }
        return integer
    }
}
