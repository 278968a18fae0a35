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
    /// The code object is CPython's entry shim (`CodeInfo.isInterpreterShim`): not a frame to show.
    let isInterpreterShim: Bool
}

/// The locations of the last few hundred (code object, instruction offset) pairs met. A warm sample's frames are
/// almost all where the previous sample found them (only the innermost few move, and they cycle through a few
/// instructions), so one slot check replaces the code-cache lookup, its reference counting and the line-table
/// search for nearly every frame.
///
/// An entry is only as good as the code-cache entry it was made from, which must be confirmed in each sample
/// (`CodeObjectCache.confirmed`: the code object at that address may have been freed and replaced). So each
/// entry remembers that entry's serial, and a small table remembers, per code address, the serial confirmed in
/// this sample: the first frame of a code object in a sample pays for the confirmation, the others for a table
/// look-up.
final class FrameLocationCache<Memory: MemorySource>: @unchecked Sendable {
    let codes: CodeObjectCache<Memory>
    private var slots: [Slot]
    private var confirmations: [Confirmation]

    private struct Slot {
        var code: UInt64 = 0
        var offset = 0
        var style = FrameStyle()
        /// `CodeInfo.serial` of the entry the location was made from.
        var serial: UInt32 = 0
        var location: FrameLocation?
    }

    /// A code address whose code-cache entry (`serial`) was confirmed in `sample`.
    private struct Confirmation {
        var code: UInt64 = 0
        var serial: UInt32 = 0
        var sample: UInt32 = 0
    }

    private static var slotCount: Int { 1024 }
    private static var confirmationCount: Int { 256 }

    init(codes: CodeObjectCache<Memory>) {
        self.codes = codes
        slots = Array(repeating: Slot(), count: Self.slotCount)
        confirmations = Array(repeating: Confirmation(), count: Self.confirmationCount)
    }

    /// The location of the instruction `instructionOffset` bytes into `code`'s bytecode, labelled per `style`.
    func location(for code: RemoteAddress, instructionOffset: Int, style: FrameStyle) throws(MemoryReadError)
        -> FrameLocation
    {
        if let location = try known(code, instructionOffset: instructionOffset, style: style) { return location }
        let info = try codes.info(for: code, instructionOffset: instructionOffset)
        note(code, confirmed: info)
        let location = FrameLocation(
            code: info.frameCode(shortFilenames: style.shortFilenames),
            line: style.lines.pick(info) { info.lineTable.line(atByteOffset: instructionOffset) },
            prologueEnd: info.firstTraceable * 2, isInterpreterShim: info.isInterpreterShim)
        slots[Self.slot(code, instructionOffset)] = Slot(
            code: code.rawValue, offset: instructionOffset, style: style, serial: info.serial, location: location)
        return location
    }

    /// The location when this cache holds one made from the code object that is at `code` in this sample; nil
    /// otherwise. Only code objects get entries, so a hit also says that `code` is one (3.13+ frames may run
    /// other executables). Reads the target only to confirm a code object first met in this sample.
    func known(_ code: RemoteAddress, instructionOffset: Int, style: FrameStyle) throws(MemoryReadError)
        -> FrameLocation?
    {
        let slot = slots[Self.slot(code, instructionOffset)]
        guard let location = slot.location, slot.code == code.rawValue, slot.offset == instructionOffset,
            slot.style == style, try confirmedSerial(code) == slot.serial
        else { return nil }
        return location
    }

    /// The serial of `code`'s code-cache entry as confirmed in this sample, or nil when it has none (or it was
    /// found stale).
    private func confirmedSerial(_ code: RemoteAddress) throws(MemoryReadError) -> UInt32? {
        let index = Self.confirmation(code)
        let known = confirmations[index]
        if known.code == code.rawValue, known.sample == codes.sample { return known.serial }
        guard let info = try codes.confirmed(code) else { return nil }
        note(code, confirmed: info)
        return info.serial
    }

    private func note(_ code: RemoteAddress, confirmed info: CodeInfo) {
        confirmations[Self.confirmation(code)] = Confirmation(
            code: code.rawValue, serial: info.serial, sample: codes.sample)
    }

    private static func slot(_ code: RemoteAddress, _ instructionOffset: Int) -> Int {
        let hash = (code.rawValue >> 4) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: instructionOffset)
        return Int(truncatingIfNeeded: hash & UInt64(slotCount - 1))
    }

    private static func confirmation(_ code: RemoteAddress) -> Int {
        Int(truncatingIfNeeded: ((code.rawValue >> 4) &* 0x9E37_79B9_7F4A_7C15) >> 56) & (confirmationCount - 1)
    }
}
