import Foundation

/// py-spy's filename shortening (`PythonSpy::shorten_filename`), re-derived here so the tests do not trust the code
/// they are testing: walk up from the file's directory while it holds an `__init__.py`, and keep the path below the
/// first directory that does not. `…/site-packages/requests/api.py` becomes `requests/api.py`, a script
/// `script.py`, and names that are not paths (`<frozen importlib._bootstrap>`, `<string>`) stay as they are.
enum ShortFilename {
    static func of(_ filename: String, fileExists: (String) -> Bool = FileManager.default.fileExists(atPath:))
        -> String
    {
        let components = filename.split(separator: "/", omittingEmptySubsequences: false)
        // components[..<end] is the directory being examined; the short name is components[end...].
        var end = components.count - 1
        while end > 0 {
            let directory = components[..<end].joined(separator: "/")
            guard fileExists(directory + "/__init__.py") else { break }
            end -= 1
        }
        return components[end...].joined(separator: "/")
    }
}
