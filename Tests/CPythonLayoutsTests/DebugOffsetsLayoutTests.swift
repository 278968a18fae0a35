import CPythonLayouts
import Testing

/// The `_Py_DebugOffsets` layouts themselves: sizes, and the sequential builder against the generated 3.13.
@Suite struct DebugOffsetsLayoutTests {
    @Test func totalSizes() {
        #expect(DebugOffsetsLayout.v3_13.totalSize == 584)
        #expect(DebugOffsetsLayout.v3_14.totalSize == 760)
        #expect(DebugOffsetsLayout.v3_15.totalSize == 888)
        #expect(DebugOffsets.bytesToRead(forMinor: 13) == 584)
        #expect(DebugOffsets.bytesToRead(forMinor: 14) == 760)
        #expect(DebugOffsets.bytesToRead(forMinor: 15) == 888)
        #expect(DebugOffsets.bytesToRead(forMinor: 16) == 888)
        #expect(DebugOffsets.maximumBytesToRead == 888)
    }

    @Test func interpretersHeadIsAtForty() {
        // The one field py-spy 0.4.2 reads from this block, at the same place in every version.
        for layout in DebugOffsetsLayout.all {
            let group = layout.groups.first { $0.name == "runtime_state" }
            #expect(group?.fields.last?.name == "interpreters_head")
            #expect(group?.fields.last?.position == 40)
        }
    }

    @Test func sequentialBuilderReproducesTheCompiledLayout() {
        let generated = DebugOffsetsLayout.v3_13
        let names = generated.groups.map { ($0.name, $0.fields.map(\.name)) }
        #expect(DebugOffsetsLayout.sequential(minor: 13, names) == generated)
    }

    @Test func everyFieldLiesInsideTheBlock() {
        for layout in DebugOffsetsLayout.all {
            var expected = DebugOffsets.headerSize
            for group in layout.groups {
                for field in group.fields {
                    #expect(field.position == expected, "3.\(layout.minor) \(group.name).\(field.name)")
                    expected += 8
                }
            }
            #expect(expected == layout.totalSize)
        }
    }

    @Test func sizeLessGroups() {
        let withoutSize = DebugOffsetsLayout.v3_15.groups.filter { !$0.hasSize }.map(\.name)
        #expect(withoutSize == ["err_stackitem", "llist_node", "debugger_support"])
        let allSized = DebugOffsetsLayout.v3_13.groups.allSatisfy { $0.hasSize }
        #expect(allSized)
    }
}
