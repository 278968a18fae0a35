import LiveTestSupport
/// One thread of `swiftspy dump --json`, with every field py-spy 0.4.x writes checked for presence and type.
struct DumpedThread: Sendable {
    let pid: UInt64
    let threadID: UInt64
    let threadName: String?
    let osThreadID: UInt64?
    let active: Bool
    let ownsGIL: Bool
    let frames: [DumpedFrame]
    let processInfoIsNull: Bool

    /// Parses the whole `dump --json` document: a top-level array of threads.
    static func parseDocument(_ text: String) throws -> [DumpedThread] {
        let document: JSONValue
        do {
            document = try JSONValue.parse(text)
        } catch {
            throw LiveTestError("dump --json is not JSON (\(error)): \(text.prefix(500))")
        }
        guard let threads = document.arrayValue else {
            throw LiveTestError("dump --json must be an array of threads, got: \(text.prefix(200))")
        }
        return try threads.enumerated().map { index, value in
            try DumpedThread(Fields(value, context: "thread #\(index)"))
        }
    }

    private init(_ fields: Fields) throws {
        pid = try fields.unsigned("pid")
        threadID = try fields.unsigned("thread_id")
        threadName = try fields.optionalString("thread_name")
        osThreadID = try fields.optionalUnsigned("os_thread_id")
        active = try fields.bool("active")
        ownsGIL = try fields.bool("owns_gil")
        processInfoIsNull = try fields.value("process_info").isNull
        frames = try fields.array("frames").enumerated().map { index, value in
            try DumpedFrame(Fields(value, context: "\(fields.context) frame #\(index)"))
        }
    }
}

/// One frame of `dump --json`.
struct DumpedFrame: Sendable, Equatable {
    let name: String
    let filename: String
    let shortFilename: String?
    let module: String?
    let line: Int
    let localsIsNull: Bool
    let isEntry: Bool

    fileprivate init(_ fields: Fields) throws {
        name = try fields.string("name")
        filename = try fields.string("filename")
        shortFilename = try fields.optionalString("short_filename")
        module = try fields.optionalString("module")
        line = Int(truncatingIfNeeded: try fields.integer("line"))
        localsIsNull = try fields.value("locals").isNull
        isEntry = try fields.bool("is_entry")
    }

    /// The parts CPython itself can vouch for.
    var asReported: TargetReport.Frame { TargetReport.Frame(name: name, filename: filename, line: line) }
}

/// Typed access to one JSON object, naming the object and key in every error.
private struct Fields {
    let object: [String: JSONValue]
    let context: String

    init(_ value: JSONValue, context: String) throws {
        guard let object = value.objectValue else { throw LiveTestError("\(context) is not an object") }
        self.object = object
        self.context = context
    }

    func value(_ key: String) throws -> JSONValue {
        guard let value = object[key] else { throw LiveTestError("\(context) has no \"\(key)\" key") }
        return value
    }

    func string(_ key: String) throws -> String {
        guard let value = try value(key).stringValue else { throw mistyped(key, "a string") }
        return value
    }

    func optionalString(_ key: String) throws -> String? {
        let value = try value(key)
        if value.isNull { return nil }
        guard let string = value.stringValue else { throw mistyped(key, "a string or null") }
        return string
    }

    func integer(_ key: String) throws -> Int64 {
        guard let value = try value(key).integerValue else { throw mistyped(key, "an integer") }
        return value
    }

    func unsigned(_ key: String) throws -> UInt64 {
        guard let value = try value(key).unsignedValue else { throw mistyped(key, "a non-negative integer") }
        return value
    }

    func optionalUnsigned(_ key: String) throws -> UInt64? {
        let value = try value(key)
        if value.isNull { return nil }
        guard let number = value.unsignedValue else { throw mistyped(key, "a non-negative integer or null") }
        return number
    }

    func bool(_ key: String) throws -> Bool {
        guard let value = try value(key).boolValue else { throw mistyped(key, "a boolean") }
        return value
    }

    func array(_ key: String) throws -> [JSONValue] {
        guard let value = try value(key).arrayValue else { throw mistyped(key, "an array") }
        return value
    }

    private func mistyped(_ key: String, _ expected: String) -> LiveTestError {
        LiveTestError("\(context) \"\(key)\" should be \(expected), got \(object[key].map { "\($0)" } ?? "nothing")")
    }
}
