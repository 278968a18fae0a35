#if canImport(Glibc)
import Glibc
#endif

/// The user who ran `sudo swiftspy …`, when swiftspy runs as root on someone's behalf.
///
/// sudo records the invoking user in `SUDO_UID`, `SUDO_GID` and `SUDO_USER`. A program swiftspy launches should
/// run as that user, not as root (py-spy does the same), and the output file should belong to that user, so that
/// profiling with sudo neither escalates the profiled program nor leaves root-owned files in the user's
/// directory. Outside sudo, or when not root, there is no one to act for and `current()` is nil.
package struct InvokingUser: Equatable, Sendable {
    package let uid: uid_t
    package let gid: gid_t
    /// The user's login name (`SUDO_USER`), used to look up the supplementary groups; nil if sudo gave none.
    package let name: String?

    package init(uid: uid_t, gid: gid_t, name: String?) {
        self.uid = uid
        self.gid = gid
        self.name = name
    }

    /// The invoking user when running as root under sudo for someone else, else nil.
    package static func current() -> InvokingUser? {
        from(environment: { key in getenv(key).map { String(cString: $0) } }, effectiveUID: geteuid())
    }

    /// Parses sudo's variables; separated from the process environment for tests. A root `SUDO_UID` (sudo run by
    /// root) or malformed values mean there is no other user to act for.
    package static func from(environment: (String) -> String?, effectiveUID: uid_t) -> InvokingUser? {
        guard effectiveUID == 0,
            let uidText = environment("SUDO_UID"), let uid = uid_t(uidText), uid != 0,
            let gidText = environment("SUDO_GID"), let gid = gid_t(gidText)
        else { return nil }
        let name = environment("SUDO_USER").flatMap { $0.isEmpty ? nil : $0 }
        return InvokingUser(uid: uid, gid: gid, name: name)
    }

    /// The user's entry in the password database, which a launched program's HOME, USER and LOGNAME come from.
    package struct Account: Equatable, Sendable {
        package let name: String
        package let home: String

        package init(name: String, home: String) {
            self.name = name
            self.home = home
        }
    }

    /// The password-database entry for `uid` (getpwuid_r), or nil when there is none (a uid without an account,
    /// e.g. in a container).
    package func account() -> Account? {
        var entry = passwd()
        var found: UnsafeMutablePointer<passwd>?
        var size = max(Int(sysconf(Int32(_SC_GETPW_R_SIZE_MAX))), 1024)
        while size <= 1 << 20 {
            var buffer = [CChar](repeating: 0, count: size)
            let result = getpwuid_r(uid, &entry, &buffer, size, &found)
            if result == ERANGE {
                size *= 2
                continue
            }
            guard result == 0, found != nil, let name = entry.pw_name, let home = entry.pw_dir else { return nil }
            return Account(name: String(cString: name), home: String(cString: home))
        }
        return nil
    }

    /// How messages name this user: `alice (uid 1000)`, or `uid 1000` when no name is known.
    package var label: String {
        guard let known = name ?? account()?.name else { return "uid \(uid)" }
        return "\(known) (uid \(uid))"
    }

    /// The user's supplementary groups (from the group database, as `login` would set them), always including
    /// the primary group. Only the primary group when the name is unknown.
    package func supplementaryGroups() -> [gid_t] {
        guard let name else { return [gid] }
        var count: Int32 = 64
        while true {
            var groups = [gid_t](repeating: 0, count: Int(count))
            let previous = count
            let found = getgrouplist(name, gid, &groups, &count)
            if found >= 0 { return Array(groups.prefix(Int(count))) }
            // Too small: glibc stored the size it needs in `count`; grow (at least double) and ask again.
            count = max(count, previous * 2)
            if count > 65_536 { return [gid] }
        }
    }
}
