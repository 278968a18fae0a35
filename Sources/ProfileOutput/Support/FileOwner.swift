#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who a new output file should belong to, when not the user swiftspy runs as: under `sudo`, the user who
/// ran it, so a profile written as root does not land root-owned in that user's directory.
package struct FileOwner: Sendable, Hashable {
    package let uid: uid_t
    package let gid: gid_t

    package init(uid: uid_t, gid: gid_t) {
        self.uid = uid
        self.gid = gid
    }

    /// Hands the open file to this owner. A refusal (a file system that does not allow it, such as an NFS
    /// share that maps root to nobody) leaves the file as it is: the profile matters more than its owner.
    func take(_ descriptor: Int32) {
        _ = fchown(descriptor, uid, gid)
    }
}
