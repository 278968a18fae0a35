/// The four encodings CPython has used for the table that maps a bytecode offset to a source line.
///
/// Each case names the code-object field that holds the table and the byte offset `LineTable` expects, which
/// is always what CPython itself passes to `PyCode_Addr2Line` (`Objects/codeobject.c`) for `frame.f_lineno`.
package enum LineTableFormat: Sendable, Hashable, CaseIterable {
    /// `co_lnotab` of Python 2.x and 3.0–3.5: (address step, line step) byte pairs, both unsigned, so a
    /// jump of more than 255 lines is several `(0, 255)` pairs. Offset: `f_lasti` (bytes).
    case lnotabUnsigned
    /// `co_lnotab` of Python 3.6–3.9: the same pairs with a signed line step, so lines may go backwards and
    /// a jump outside -128…127 is split over several pairs. Offset: `f_lasti` (bytes).
    case lnotabSigned
    /// `co_linetable` of Python 3.10: (address step, signed line step) pairs describing address ranges,
    /// where a line step of -128 means "no line". Offset: `2 × f_lasti` (3.10 counts code units).
    case lineTable310
    /// `co_linetable` of Python 3.11 and later: the compact location table of PEP 626/657
    /// (`Objects/locations.md`). Offset: bytes from the start of the bytecode (`co_code_adaptive`) to the
    /// frame's instruction pointer (`prev_instr` in 3.11–3.12, `instr_ptr` from 3.13).
    case locationTable

    /// The format CPython `major.minor` uses; nil when the major version is neither 2 nor 3. Minor
    /// versions after 3.11 are assumed to keep the 3.11 format (true through 3.14).
    package static func format(major: Int, minor: Int) -> LineTableFormat? {
        switch (major, minor) {
        case (2, 0...): return .lnotabUnsigned
        case (3, 0...5): return .lnotabUnsigned
        case (3, 6...9): return .lnotabSigned
        case (3, 10): return .lineTable310
        case (3, 11...): return .locationTable
        default: return nil
        }
    }
}
