import CPythonLayouts
import Testing

/// The fields `dump --locals` reads: present in every table where CPython has them, and taken from
/// `_Py_DebugOffsets` where the block carries them.
@Suite struct LocalsLayoutTests {
    static let tables = PythonLayout.knownVersions.compactMap {
        PythonLayout.forVersion(major: $0.major, minor: $0.minor)
    }

    @Test func everyTableHasTheLocalsFields() {
        for layout in Self.tables {
            let version = "\(layout.major).\(layout.minor)"
            #expect(layout.codeFlags != nil && layout.cellObjectRef == 16, "\(version)")
            #expect(layout.setUsed == 24 && layout.setMask == 32 && layout.setTable == 40, "\(version)")
            #expect(layout.setEntrySize == 16, "\(version)")
            #expect((layout.codeKwonlyargcount != nil) == (layout.major == 3), "\(version)")
            // ≤ 3.10 names cells and free variables in tuples; 3.11+ marks kinds per localsplus slot.
            let frameObjects = layout.frameObjectLocalsplus != nil
            #expect(
                (layout.codeCellvars != nil) == frameObjects && (layout.codeFreevars != nil) == frameObjects,
                "\(version)")
            #expect((layout.codeLocalsplusKinds != nil) == !frameObjects, "\(version)")
        }
    }

    @Test func knownOffsets() {
        // setentry is {hash, key} on 2.7 and {key, hash} on 3.x.
        #expect(PythonLayout.v2_7.setEntryKey == 8 && PythonLayout.v2_7.setEntryHash == 0)
        #expect(PythonLayout.v3_6.setEntryKey == 0 && PythonLayout.v3_6.setEntryHash == 8)
        #expect(PythonLayout.v2_7.codeCellvars == 72 && PythonLayout.v2_7.codeFreevars == 64)
        #expect(PythonLayout.v3_10.codeKwonlyargcount == 24 && PythonLayout.v3_10.codeCellvars == 88)
        #expect(PythonLayout.v3_11.codeKwonlyargcount == 64 && PythonLayout.v3_11.codeLocalsplusKinds == 104)
        for layout in [PythonLayout.v3_12, .v3_13, .v3_14, .v3_15] {
            #expect(layout.codeFlags == 48 && layout.codeKwonlyargcount == 60 && layout.codeLocalsplusKinds == 104)
        }
    }

    @Test func debugOffsetsSupplyKindsAndSets() throws {
        var block = DebugOffsetsBytes(layout: .v3_14, versionHex: 0x030e_00f0)
        block.set([
            "code_object": ["size": 216, "localspluskinds": 112],
            "set_object": ["size": 200, "used": 32, "table": 48, "mask": 40]
        ])
        let layout = try DebugOffsets.decode(block.bytes, expectedMinor: 14).applied(to: .v3_14)
        #expect(layout.codeLocalsplusKinds == 112)
        #expect(layout.setUsed == 32 && layout.setTable == 48 && layout.setMask == 40)
        // Not in the block: kept from the table.
        #expect(layout.codeFlags == 48 && layout.cellObjectRef == 16 && layout.setEntryKey == 0)
    }
}
