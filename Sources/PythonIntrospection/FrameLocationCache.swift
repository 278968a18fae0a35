import ProcessAccess
import ProfileModel

/// What a frame shows for one instruction of one code object: its function and file, and its line. Plain
/// values (the `FrameCode` is unretained: it lives as long as the process), so a frame is built from it without
/// touching a reference count.
struct FrameLocation {
    unowned(unsafe) let code: FrameCode
    let line: Int
    /// Where the code object's prologue ends, in bytes (`_co_firsttraceable` × 2, 3.11+; 0 before): a frame whose
    /// instruction lies before it has not started running its body yet.
    let prologueEnd: Int
}

/// The locations of the last few hundred (code object, instruction offset) pairs met. A warm sample's frames are
/// almost all where the previous sample found them (only the innermost few move, and they cycle through a few
/// instructions), so one slot check replaces the code-cache lookup, its reference counting and the line-table
/// search for nearly every frame.
///
/// An entry lasts as long as its code object's cached facts do: it expires when `CodeObjectCache` is due to
/// re-check that object (so a freed and reused address is caught the same way), and is then rebuilt from a
/// fresh `info(for:)`.
final class FrameLocationCache<Memory: MemorySource>: @unchecked Sendable {
    let codes: CodeObjectCache<Memory>
    private var slots: [Slot]

    private struct Slot {
        var code: UInt64 = 0
        var offset = 0
        var style = FrameStyle()
        /// `CodeInfo.checkedAt` when the entry was made.
        var checkedAt = -Double.infinity
        var location: FrameLocation?
    }

    private static var slotCount: Int { 1024 }

    init(codes: CodeObjectCache<Memory>) {
        self.codes = codes
        slots = Array(repeating: Slot(), count: Self.slotCount)
    }

    /// The location of the instruction `instructionOffset` bytes into `code`'s bytecode, labelled per `style`.
    func location(for code: RemoteAddress, instructionOffset: Int, style: FrameStyle) throws(MemoryReadError)
        -> FrameLocation
    {
        if let location = cached(code, instructionOffset: instructionOffset, style: style) { return location }
        let index = Self.slot(code, instructionOffset)
        let info = try codes.info(for: code, instructionOffset: instructionOffset)
        let location = FrameLocation(
            code: info.frameCode(shortFilenames: style.shortFilenames),
            line: style.lines.pick(info) { info.lineTable.line(atByteOffset: instructionOffset) },
            prologueEnd: info.firstTraceable * 2)
        slots[index] = Slot(code: code.rawValue, offset: instructionOffset, style: style, checkedAt: info.checkedAt,
                            location: location)
        return location
    }

    /// The location when this cache holds a fresh one, without reading anything. Only code objects get
    /// entries, so a hit also says that `code` is one (3.13+ frames may run other executables).
    func cached(_ code: RemoteAddress, instructionOffset: Int, style: FrameStyle) -> FrameLocation? {
        let slot = slots[Self.slot(code, instructionOffset)]
        guard let location = slot.location, slot.code == code.rawValue, slot.offset == instructionOffset,
              slot.style == style, codes.isFresh(checkedAt: slot.checkedAt) else { return nil }
        return location
    }

    private static func slot(_ code: RemoteAddress, _ instructionOffset: Int) -> Int {
        let hash = (code.rawValue >> 4) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: instructionOffset)
        return Int(truncatingIfNeeded: hash & UInt64(slotCount - 1))
    }
}
