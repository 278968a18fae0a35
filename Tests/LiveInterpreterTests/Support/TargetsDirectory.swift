import Foundation
import LiveTestSupport
import Testing

extension LiveEnvironment {
    /// This test target's own copy of its `Targets` resources.
    static func targetsDirectory() throws -> URL { try targetsDirectory(in: Bundle.module) }
}

extension Interpreter: CustomTestStringConvertible {
    /// Test names show the interpreter's label, e.g. `pyenv 3.11.7`.
    public var testDescription: String { label }
}
