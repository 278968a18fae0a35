import CPythonLayouts
import CodeLocations

/// How one CPython version chains its frames and numbers its lines: the version-specific *behaviour*, chosen
/// once at attach time in `FrameChain.forVersion`, so the walkers never test version numbers themselves.
struct FrameChain: Sendable {
    enum Kind: Sendable {
        /// 2.7–3.10: heap `PyFrameObject`s linked by `f_back`, from `PyThreadState.frame`
        /// (Include/frameobject.h, Include/cpython/frameobject.h).
        case frameObjects
        /// 3.11+: `_PyInterpreterFrame`s linked by `previous` (Include/internal/pycore_frame.h).
        case interpreterFrames
    }

    enum InnermostFrame: Sendable {
        /// `PyThreadState.frame` (≤ 3.10).
        case threadStateFrame
        /// `PyThreadState.cframe->current_frame` (3.11–3.12).
        case viaCFrame
        /// `PyThreadState.current_frame` (3.13+).
        case threadStateCurrentFrame
    }

    var kind: Kind
    var innermost: InnermostFrame
    var lineTableFormat: LineTableFormat
    /// Multiplier turning `f_lasti` into the byte offset `PyCode_Addr2Line` takes: 1 up to 3.9 (a byte offset),
    /// 2 on 3.10 (an index of 2-byte code units). Unused on 3.11+, where the offset comes from the instruction
    /// pointer.
    var lastiScale: Int
    /// `_PyInterpreterFrame.owner` value of frames owned by the C stack (shim/entry frames that are not
    /// Python code): 3 on 3.12–3.13, 4 from 3.14 (FRAME_OWNED_BY_INTERPRETER took 3). Nil on 3.11, which has
    /// none. Mirrors `enum _frameowner` in pycore_frame.h.
    var cStackOwner: Int8?
    /// `FRAME_OWNED_BY_GENERATOR`: generator frames are never "incomplete".
    var generatorOwner: Int8 = 1
    /// 3.13+ stores `f_executable`, any object; only code objects are Python frames. On 3.14+ it is a tagged
    /// `_PyStackRef`, so the low bits are masked off.
    var executableMayBeNonCode: Bool
    var taggedPointerMask: UInt64

    static func forVersion(_ version: PythonVersion) -> FrameChain? {
        guard let format = LineTable.format(major: version.major, minor: version.minor) else { return nil }
        switch (version.major, version.minor) {
        case (2, 7), (3, 6...9):
            return FrameChain(
                kind: .frameObjects, innermost: .threadStateFrame, lineTableFormat: format,
                lastiScale: 1, cStackOwner: nil, executableMayBeNonCode: false, taggedPointerMask: ~0)
        case (3, 10):
            return FrameChain(
                kind: .frameObjects, innermost: .threadStateFrame, lineTableFormat: format,
                lastiScale: 2, cStackOwner: nil, executableMayBeNonCode: false, taggedPointerMask: ~0)
        case (3, 11):
            return FrameChain(
                kind: .interpreterFrames, innermost: .viaCFrame, lineTableFormat: format,
                lastiScale: 2, cStackOwner: nil, executableMayBeNonCode: false, taggedPointerMask: ~0)
        case (3, 12):
            return FrameChain(
                kind: .interpreterFrames, innermost: .viaCFrame, lineTableFormat: format,
                lastiScale: 2, cStackOwner: 3, executableMayBeNonCode: false, taggedPointerMask: ~0)
        case (3, 13):
            return FrameChain(
                kind: .interpreterFrames, innermost: .threadStateCurrentFrame,
                lineTableFormat: format, lastiScale: 2, cStackOwner: 3, executableMayBeNonCode: true,
                taggedPointerMask: ~0)
        case (3, 14...15):
            return FrameChain(
                kind: .interpreterFrames, innermost: .threadStateCurrentFrame,
                lineTableFormat: format, lastiScale: 2, cStackOwner: 4, executableMayBeNonCode: true,
                taggedPointerMask: ~UInt64(7))
        default:
            return nil
        }
    }
}
