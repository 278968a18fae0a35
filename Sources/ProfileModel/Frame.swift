/// What a frame runs: a function's name and file. One instance is shared by every frame of the same code
/// object, so building a frame costs one reference, and writers can recognise repeated frames by identity.
public final class FrameCode: Sendable, Hashable {
    /// The function's name (`co_name`), e.g. `leaf`, `<module>`, `<listcomp>`.
    public let name: String
    /// The file as the interpreter knows it (`co_filename`).
    public let filename: String
    /// The package-relative form of `filename` (py-spy's shortening rule), when one was computed.
    public let shortFilename: String?
    /// The shared library a native frame came from; always nil for Python frames.
    public let module: String?

    public init(name: String, filename: String, shortFilename: String? = nil, module: String? = nil) {
        self.name = name
        self.filename = filename
        self.shortFilename = shortFilename
        self.module = module
    }

    public static func == (lhs: FrameCode, rhs: FrameCode) -> Bool {
        lhs === rhs || (lhs.name == rhs.name && lhs.filename == rhs.filename
            && lhs.shortFilename == rhs.shortFilename && lhs.module == rhs.module)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(filename)
    }
}

/// One Python frame of a sampled stack, as every output format sees it.
///
/// Field names follow py-spy's `Frame` so that `dump --json` carries the same keys.
public struct Frame: Sendable, Hashable {
    /// The function and file, shared between frames of the same code.
    public var code: FrameCode
    /// The line being executed, exactly as CPython's `frame.f_lineno` would report it; 0 when unknown or disabled.
    public var line: Int
    /// Arguments and locals, when they were asked for.
    public var locals: [LocalVariable]?
    /// True when this frame was entered from C (a new evaluation loop), as CPython marks it.
    public var isEntry: Bool

    public init(code: FrameCode, line: Int, locals: [LocalVariable]? = nil, isEntry: Bool = true) {
        self.code = code
        self.line = line
        self.locals = locals
        self.isEntry = isEntry
    }

    public init(
        name: String, filename: String, shortFilename: String? = nil, module: String? = nil, line: Int,
        locals: [LocalVariable]? = nil, isEntry: Bool = true
    ) {
        self.init(code: FrameCode(name: name, filename: filename, shortFilename: shortFilename, module: module),
                  line: line, locals: locals, isEntry: isEntry)
    }

    /// The function's name (`co_name`).
    public var name: String { code.name }
    /// The file as the interpreter knows it (`co_filename`).
    public var filename: String { code.filename }
    /// The package-relative form of `filename`, when one was computed.
    public var shortFilename: String? { code.shortFilename }
    /// The shared library a native frame came from; always nil for Python frames.
    public var module: String? { code.module }

    /// The file name outputs show: the short form when there is one.
    public var displayFilename: String { code.shortFilename ?? code.filename }

    /// The same frame without its short file name (`--full-filenames`).
    public func withoutShortFilename() -> Frame {
        guard code.shortFilename != nil else { return self }
        var copy = self
        copy.code = FrameCode(name: code.name, filename: code.filename, module: code.module)
        return copy
    }
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
