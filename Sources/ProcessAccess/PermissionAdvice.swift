#if canImport(Glibc)
import Glibc
#endif

/// What to do when the kernel refuses to let swiftspy read or trace a process, tailored to why it refuses.
///
/// Telling root to "run as root" helps no one, so the advice looks at what stands in the way
/// (`Documentation/admin-guide/LSM/Yama.rst`, `ptrace_may_access` in `kernel/ptrace.c`): without root, the
/// missing privilege; as root, Yama's scope 3, a missing `CAP_SYS_PTRACE` (containers drop it), a user
/// namespace that does not own the target, or else a security module.
package enum PermissionAdvice {
    package static func text(for pid: ProcessID) -> String {
        let scope = yamaScope()
        if scope == "3" {
            return "kernel.yama.ptrace_scope is 3, which forbids tracing any process until the next reboot."
        }
        if geteuid() == 0 {
            if !hasCapability(sysPtrace) {
                var advice = "swiftspy runs as root but without the CAP_SYS_PTRACE capability"
                if ProcFiles.isInContainer() {
                    advice +=
                        "; start the container with `--cap-add SYS_PTRACE` (Kubernetes: securityContext "
                        + "capabilities add SYS_PTRACE)"
                }
                return advice + "."
            }
            if let ours = namespace("self"), let theirs = namespace("\(pid)"), ours != theirs, !inInitialUserNamespace()
            {
                return "swiftspy runs as root inside a user namespace (a rootless container?) that does not own "
                    + "process \(pid); run swiftspy in the target's namespace or on the host."
            }
            return "swiftspy already runs as root with CAP_SYS_PTRACE, so a security module (SELinux, AppArmor) "
                + "or seccomp policy refuses; see the kernel log (`dmesg`) for what denied it."
        }
        var advice = "Run swiftspy as root (e.g. `sudo env \"PATH=$PATH\" swiftspy …`), or give it CAP_SYS_PTRACE"
        if let scope, scope != "0" {
            advice += ", or allow non-child tracing with `sysctl kernel.yama.ptrace_scope=0` (it is \(scope))"
        }
        if ProcFiles.isInContainer() {
            advice +=
                "; in a container, start it with `--cap-add SYS_PTRACE` (Kubernetes: securityContext capabilities add SYS_PTRACE)"
        }
        return advice + "."
    }

    /// `CAP_SYS_PTRACE`'s bit in the capability sets (`include/uapi/linux/capability.h`).
    static let sysPtrace = 19

    /// The Yama LSM's ptrace scope, nil when Yama is not built in.
    private static func yamaScope() -> String? {
        (try? ProcFiles.readText("/proc/sys/kernel/yama/ptrace_scope", pid: 0))?.filter { !$0.isWhitespace }
    }

    /// Whether our effective capability set holds `bit` (the `CapEff` line of `/proc/self/status`).
    static func hasCapability(_ bit: Int) -> Bool {
        guard let status = try? ProcFiles.readText("/proc/self/status", pid: 0),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("CapEff:") }),
            let mask = UInt64(line.dropFirst("CapEff:".count).trimmingPrefix(while: \.isWhitespace), radix: 16)
        else { return true }  // unknown: do not claim it is missing
        return mask & (1 << UInt64(bit)) != 0
    }

    private static func namespace(_ process: String) -> String? {
        try? ProcFiles.readLink("/proc/\(process)/ns/user", pid: 0)
    }

    /// The initial user namespace maps every id to itself (`0 0 4294967295`).
    private static func inInitialUserNamespace() -> Bool {
        guard let map = try? ProcFiles.readText("/proc/self/uid_map", pid: 0) else { return true }
        return map.split(whereSeparator: \.isWhitespace) == ["0", "0", "4294967295"]
    }
}
