import ProcessAccess
import ProfileModel
import PythonIntrospection

/// What the sampler samples: one Python process, or a process and its Python descendants.
package protocol SampleSource: AnyObject {
    /// Every thread's stack now. May return stacks of some processes and still report others as failed by
    /// throwing only when nothing could be read.
    func sample() throws(IntrospectionError) -> [ThreadStack]
    /// False once there is nothing left to sample (the process, or the whole tree, exited).
    var isAlive: Bool { get }
    /// How many Python processes are being sampled.
    var processCount: Int { get }
}

/// One attached process.
package final class SingleProcessSource: SampleSource {
    package let process: PythonProcess
    package let options: PythonProcess.SampleOptions

    package init(process: PythonProcess, options: PythonProcess.SampleOptions) {
        self.process = process
        self.options = options
    }

    package func sample() throws(IntrospectionError) -> [ThreadStack] { try process.sample(options) }
    package var isAlive: Bool { ProcessLiveness.isAlive(process.pid) }
    package var processCount: Int { 1 }
}
