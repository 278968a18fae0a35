import ProcessAccess

/// Finds which CPython version a process runs, first success wins:
/// 1. `Py_Version` (3.11+), the `PY_VERSION_HEX` constant CPython exports for exactly this purpose;
/// 2. the static buffer `Py_GetVersion` formats `sys.version` into (`version` / `Py_GetVersion.version`);
/// 3. a scan of the binary's .data/.bss for that formatted `sys.version` string;
/// 4. the file name (`python3.9`, `libpython3.12.so`), with micro version 0.
enum VersionDetector {
    static func detect(binary: PythonBinary, memory: some MemorySource) -> PythonVersion? {
        if let address = binary.symbols["Py_Version"],
            let hex = try? memory.readInteger(address, as: UInt32.self), let version = PythonVersion(hex: hex)
        {
            return version
        }
        for name in ["Py_GetVersion.version", "version"] {
            if let address = binary.symbols[name], let text = try? memory.readBytes(address, count: 128),
                let version = PythonVersion(versionText: text)
            {
                return version
            }
        }
        for section in binary.dataSections where section.name != ".PyRuntime" {
            let size = min(section.size, 64 << 20)
            if let bytes = try? memory.readBytes(section.address, count: size),
                let version = PythonVersion.search(in: bytes)
            {
                return version
            }
        }
        return binary.versionFromName
    }
}
