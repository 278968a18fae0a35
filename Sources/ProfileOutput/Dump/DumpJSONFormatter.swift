import ProfileModel

/// Renders `dump --json`: a pretty-printed array of py-spy's `StackTrace` objects with its field names and
/// order exactly (reference §3.2), so scripts written against py-spy keep working.
///
/// ```
/// [
///   {
///     "pid": 11872,
///     "thread_id": 140121640216384,
///     …
/// ```
package enum DumpJSONFormatter {
    /// The JSON text for `threads` (in the order given; py-spy prints interpreter order here), followed by a
    /// newline as `println!` would.
    package static func format(_ threads: [ThreadStack]) -> String {
        JSONValue.array(threads.map(stackValue)).prettyText() + "\n"
    }

    static func stackValue(_ stack: ThreadStack) -> JSONValue {
        .object([
            ("pid", .int(Int64(stack.pid))),
            ("thread_id", .unsigned(stack.threadID)),
            ("thread_name", .optional(stack.threadName, JSONValue.string)),
            ("os_thread_id", .optional(stack.osThreadID) { .unsigned(UInt64($0)) }),
            ("active", .bool(stack.active)),
            ("owns_gil", .bool(stack.ownsGIL)),
            (
                "frames",
                .array(stack.frames.indices.map { frameValue(stack.frames[$0], locals: stack.locals(ofFrame: $0)) })
            ),
            ("process_info", .optional(stack.processInfo, processValue))
        ])
    }

    static func frameValue(_ frame: Frame, locals: [LocalVariable]?) -> JSONValue {
        .object([
            ("name", .string(frame.name)),
            ("filename", .string(frame.filename)),
            ("module", .optional(frame.module, JSONValue.string)),
            ("short_filename", .optional(frame.shortFilename, JSONValue.string)),
            ("line", .int(Int64(frame.line))),
            ("locals", .optional(locals) { .array($0.map(localValue)) }),
            ("is_entry", .bool(frame.isEntry)),
            // Our model has no native-merging shim frames, so no frame is ever one.
            ("is_shim_entry", .bool(false))
        ])
    }

    static func localValue(_ local: LocalVariable) -> JSONValue {
        .object([
            ("name", .string(local.name)),
            ("addr", .unsigned(local.address)),
            ("arg", .bool(local.isArgument)),
            ("repr", .optional(local.repr, JSONValue.string))
        ])
    }

    static func processValue(_ info: ProcessLineage) -> JSONValue {
        .object([
            ("pid", .int(Int64(info.pid))),
            ("command_line", .string(info.commandLine)),
            ("parent", .optional(info.parent, processValue))
        ])
    }
}
