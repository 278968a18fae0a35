/// Writes a whole file in one go, so that readers only ever see the old file or the complete new one.
///
/// A profiler is routinely stopped with Ctrl-C or killed by a timeout while it writes; writing straight to
/// the destination would leave a truncated SVG or JSON that fails to open long after the run. This is
/// `OutputDestination` prepared and written at once, for callers that have nothing to sample first: a regular
/// file is written beside the destination and renamed over it, a device or FIFO is written in place.
package enum AtomicFile {
    /// Replaces the file at `path` with `bytes`.
    package static func write(_ bytes: some Collection<UInt8>, to path: String) throws(OutputFileError) {
        try OutputDestination(path: path).write(bytes)
    }

    /// Replaces the file at `path` with what `produce` hands to its `emit` function, piece by piece.
    package static func write(
        to path: String, _ produce: (_ emit: (UnsafeBufferPointer<UInt8>) -> Void) -> Void
    ) throws(OutputFileError) {
        try OutputDestination(path: path).write(produce)
    }

    /// Replaces the file at `path` with the UTF-8 bytes of `text`.
    package static func write(_ text: String, to path: String) throws(OutputFileError) {
        try write(text.utf8, to: path)
    }
}
