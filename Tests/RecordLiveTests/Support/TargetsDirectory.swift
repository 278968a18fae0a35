import Foundation
import LiveTestSupport

extension LiveEnvironment {
    /// This test target's own copy of its `Targets` resources.
    static func targetsDirectory() throws -> URL { try targetsDirectory(in: Bundle.module) }
}
