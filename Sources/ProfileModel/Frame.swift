import Synchronization

/// What a frame runs: a function's name and file.
///
/// There is exactly one instance per distinct (name, file, short file, module), made by `shared(...)` and kept
/// for the life of the process. So frames can refer to it without reference counting (copying or freeing a
/// 50-frame stack touches no shared counter, which is most of what a warm sample would otherwise cost), and
/// equality is identity. The registry grows with the number of distinct functions a run meets, the same set
/// every output writer keeps anyway.
package final class FrameCode: Sendable, Hashable {
    /// The function's name (`co_name`), e.g. `leaf`, `<module>`, `<listcomp>`.
    package let name: String
    /// The file as the interpreter knows it (`co_filename`).
    package let filename: String
    /// The package-relative form of `filename` (py-spy's shortening rule), when one was computed.
    package let shortFilename: String?
    /// The shared library a native frame came from; always nil for Python frames.
    package let module: String?

    private init(_ key: Key) {
        name = key.name
        filename = key.filename
        shortFilename = key.shortFilename
        module = key.module
    }

    /// The one instance with these fields.
    package static func shared(name: String, filename: String, shortFilename: String? = nil, module: String? = nil)
        -> FrameCode
    {
        let key = Key(name: name, filename: filename, shortFilename: shortFilename, module: module)
        return registry.withLock { known in
            if let code = known[key] { return code }
            let code = FrameCode(key)
            known[key] = code
            return code
        }
    }

    package static func == (lhs: FrameCode, rhs: FrameCode) -> Bool { lhs === rhs }

    package func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }

    private struct Key: Hashable, Sendable {
        var name: String
        var filename: String
        var shortFilename: String?
        var module: String?
    }

    /// Every instance ever made: what keeps them alive for the unretained references in `Frame`.
    private static let registry = Mutex<[Key: FrameCode]>([:])
}

/// One Python frame of a sampled stack, as every output format sees it.
///
/// Field names follow py-spy's `Frame` so that `dump --json` carries the same keys. A plain value with nothing to
/// count or free (its variables, when `dump --locals` reads them, live beside it in `ThreadStack.frameLocals`):
/// a sampler builds and drops hundreds of thousands of these a second.
package struct Frame: Sendable, Hashable {
    /// The function and file, shared between frames of the same code. Unretained: every `FrameCode` lives as
    /// long as the process (see `FrameCode.shared`).
    package unowned(unsafe) var code: FrameCode
    /// The line being executed, exactly as CPython's `frame.f_lineno` would report it; 0 when unknown or disabled.
    package var line: Int
    /// True when this frame was entered from C (a new evaluation loop), as CPython marks it.
    package var isEntry: Bool

    package init(code: FrameCode, line: Int, isEntry: Bool = true) {
        self.code = code
        self.line = line
        self.isEntry = isEntry
    }

    package init(
        name: String, filename: String, shortFilename: String? = nil, module: String? = nil, line: Int,
        isEntry: Bool = true
    ) {
        self.init(
            code: .shared(name: name, filename: filename, shortFilename: shortFilename, module: module),
            line: line, isEntry: isEntry)
    }

    /// The function's name (`co_name`).
    package var name: String { code.name }
    /// The file as the interpreter knows it (`co_filename`).
    package var filename: String { code.filename }
    /// The package-relative form of `filename`, when one was computed.
    package var shortFilename: String? { code.shortFilename }
    /// The shared library a native frame came from; always nil for Python frames.
    package var module: String? { code.module }

    /// The file name outputs show: the short form when there is one.
    package var displayFilename: String { code.shortFilename ?? code.filename }
}

/// A local variable or argument of a frame (`dump --locals`).
package struct LocalVariable: Sendable, Hashable {
    package var name: String
    /// The object's address in the target process.
    package var address: UInt64
    /// True for positional arguments (index below `co_argcount`).
    package var isArgument: Bool
    /// The formatted value, or nil when it could not be read.
    package var repr: String?

    package init(name: String, address: UInt64, isArgument: Bool, repr: String?) {
        self.name = name
        self.address = address
        self.isArgument = isArgument
        self.repr = repr
    }
}
