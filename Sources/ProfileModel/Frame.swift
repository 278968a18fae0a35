/// One Python frame of a sampled stack, as every output format sees it.
///
/// Field names follow py-spy's `Frame` so that `dump --json` carries the same keys.
public struct Frame: Sendable, Hashable {
    /// The function's name (`co_name`), e.g. `leaf`, `<module>`, `<listcomp>`.
    public var name: String
    /// The file as the interpreter knows it (`co_filename`).
    public var filename: String
    /// The package-relative form of `filename` (py-spy's shortening rule), when one was computed.
    public var shortFilename: String?
    /// The shared library a native frame came from; always nil for Python frames.
    public var module: String?
    /// The line being executed, exactly as CPython's `frame.f_lineno` would report it; 0 when unknown or disabled.
    public var line: Int
    /// Arguments and locals, when they were asked for.
    public var locals: [LocalVariable]?
    /// True when this frame was entered from C (a new evaluation loop), as CPython marks it.
    public var isEntry: Bool

    public init(
        name: String, filename: String, shortFilename: String? = nil, module: String? = nil, line: Int,
        locals: [LocalVariable]? = nil, isEntry: Bool = true
    ) {
        self.name = name
        self.filename = filename
        self.shortFilename = shortFilename
        self.module = module
        self.line = line
        self.locals = locals
        self.isEntry = isEntry
    }

    /// The file name outputs show: the short form when there is one.
    public var displayFilename: String { shortFilename ?? filename }
}

/// A local variable or argument of a frame (`dump --locals`).
public struct LocalVariable: Sendable, Hashable {
    public var name: String
    /// The object's address in the target process.
    public var address: UInt64
    /// True for positional arguments (index below `co_argcount`).
    public var isArgument: Bool
    /// The formatted value, or nil when it could not be read.
    public var repr: String?

    public init(name: String, address: UInt64, isArgument: Bool, repr: String?) {
        self.name = name
        self.address = address
        self.isArgument = isArgument
        self.repr = repr
    }
}
