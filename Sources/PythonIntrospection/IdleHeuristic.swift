import ProfileModel

/// Functions that mean "this thread is waiting" even when the OS says it is runnable (a thread that just woke
/// up, or one whose OS id is unknown): the same list py-spy uses.
enum IdleHeuristic {
    static func isWaiting(_ frame: Frame) -> Bool {
        let file = frame.filename
        switch frame.name {
        case "wait": return file.hasSuffix("threading.py")
        case "select": return file.hasSuffix("selectors.py")
        case "poll":
            return file.hasSuffix("asyncore.py") || file.contains("zmq") || file.contains("gevent")
                || file.contains("tornado")
        default: return false
        }
    }
}
