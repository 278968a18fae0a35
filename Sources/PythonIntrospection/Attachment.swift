import CPythonLayouts
import ProcessAccess

/// Everything decided once when swiftspy attaches to a process: which binary holds the interpreter, which
/// version it is, which layout and frame-chain strategy apply, and where the interpreter state lives.
struct Attachment {
    let pid: ProcessID
    let inspector: ProcessInspector
    let memory: LiveMemory
    let executablePath: String
    let commandLine: String
    let version: PythonVersion
    let layout: PythonLayout
    let chain: FrameChain
    let interpreter: RemoteAddress
    let gil: GILLocator
    let codeType: RemoteAddress?

    init(pid: ProcessID) throws(IntrospectionError) {
        self.pid = pid
        do {
            inspector = try ProcessInspector(pid: pid)
            executablePath = try inspector.executablePath()
            commandLine = (try? inspector.commandLine()) ?? executablePath
        } catch {
            throw .process(error)
        }
        let maps: MemoryMap
        do { maps = try MemoryMap(pid: pid) } catch { throw .process(error) }
        memory = LiveMemory(pid: pid)

        let binary = try Self.findPythonBinary(pid: pid, inspector: inspector, maps: maps, executable: executablePath)
        // Fail early and clearly on permissions: the first real read tells.
        if let probe = maps.mappings.first(where: { $0.isReadable }) {
            do { _ = try memory.readInteger(RemoteAddress(probe.start), as: UInt8.self) } catch {
                throw .from(error)
            }
        }
        guard let version = VersionDetector.detect(binary: binary, memory: memory) else {
            throw .versionNotFound(pid: pid, binary: binary.path)
        }
        self.version = version
        guard var layout = PythonLayout.forVersion(major: version.major, minor: version.minor),
            let chain = FrameChain.forVersion(version)
        else { throw .unsupportedVersion(version) }
        let runtime =
            binary.symbols["_PyRuntime"]
            ?? binary.dataSections.first(where: { $0.name == ".PyRuntime" })?.address
        if version.isAtLeast(3, 13), let runtime {
            layout = try Self.applyDebugOffsets(to: layout, runtime: runtime, memory: memory, version: version)
        }
        self.layout = layout
        self.chain = chain
        // Validating the interpreter follows its whole thread list, two small reads per thread state; the
        // states are neighbours in the heap, so a page cache answers most of them.
        let locator = InterpreterLocator(memory: PageCachedMemory(base: memory), layout: layout, maps: maps)
        guard let interpreter = locator.locate(binary: binary, runtime: runtime) else {
            throw .interpreterNotFound(
                pid: pid, version: version, detail: "no valid PyInterpreterState in \(binary.path)")
        }
        self.interpreter = interpreter
        gil = GILLocator.make(
            version: version, layout: layout, symbols: binary.symbols, runtime: runtime,
            interpreter: interpreter)
        codeType = binary.symbols["PyCode_Type"]
    }

    /// 3.13+ carries its own offsets at the start of `_PyRuntime` (`_Py_DebugOffsets`, cookie `xdebugpy`);
    /// they describe the exact build, so they win over the compiled table. A table that fails validation is an
    /// error rather than something to guess around.
    static func applyDebugOffsets(
        to layout: PythonLayout, runtime: RemoteAddress, memory: some MemorySource,
        version: PythonVersion
    ) throws(IntrospectionError) -> PythonLayout {
        let bytes: [UInt8]
        do { bytes = try memory.readBytes(runtime, count: DebugOffsets.bytesToRead(forMinor: version.minor)) } catch {
            throw .from(error)
        }
        do {
            let offsets = try DebugOffsets.decode(bytes, expectedMinor: version.minor)
            return offsets.applied(to: layout)
        } catch {
            throw .interpreterNotFound(pid: 0, version: version, detail: "its _Py_DebugOffsets are invalid: \(error)")
        }
    }

    /// libpython when one is loaded (pyenv and most distributions), else the executable itself (static builds
    /// such as Debian's /usr/bin/python3.11). Files are opened as the target sees them: through
    /// `/proc/PID/exe` or `/proc/PID/root`, or `/proc/PID/map_files` when deleted after start.
    static func findPythonBinary(pid: ProcessID, inspector: ProcessInspector, maps: MemoryMap, executable: String)
        throws(IntrospectionError) -> PythonBinary
    {
        // Scanned in address order rather than grouped into a dictionary by path: only two paths matter, and
        // the grouping cost more than the scan (the first libpython mapped wins, as the lowest address).
        func mappings(of path: String) -> [MemoryMapping] { maps.mappings.filter { $0.path == path } }
        var previous = ""
        for mapping in maps.mappings where mapping.path != previous && mapping.path.hasPrefix("/") {
            previous = mapping.path  // a file's mappings are usually neighbours: check each run once
            guard PythonBinary.isLibPython(mapping.path) else { continue }
            let all = mappings(of: mapping.path)
            return try PythonBinary(path: mapping.path, openPath: openPath(mapping.path, all, inspector), mappings: all)
        }
        let mappings = mappings(of: executable)
        guard !mappings.isEmpty else { throw .notPython(pid: pid, executable: executable) }
        let binary: PythonBinary
        do {
            binary = try PythonBinary(path: executable, openPath: "/proc/\(pid)/exe", mappings: mappings)
        } catch {
            throw .notPython(pid: pid, executable: executable)
        }
        let markers = ["_PyRuntime", "Py_Version", "interp_head", "PyCode_Type"]
        guard markers.contains(where: { binary.symbols[$0] != nil }) else {
            throw .notPython(pid: pid, executable: executable)
        }
        return binary
    }

    private static func openPath(_ path: String, _ mappings: [MemoryMapping], _ inspector: ProcessInspector) -> String {
        if let first = mappings.first, first.isDeleted || !ProcFiles.exists(inspector.hostPath(for: path)) {
            return inspector.mappedFilePath(for: first)
        }
        return inspector.hostPath(for: path)
    }
}
