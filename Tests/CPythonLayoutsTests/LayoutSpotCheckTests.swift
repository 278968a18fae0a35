import CPythonLayouts
import Testing

/// Generated values against the offsets py-spy verified in-process (docs: pyspy-behaviour.md §6.3), and the
/// shape of the version table.
@Suite struct LayoutSpotCheckTests {
    @Test func threadStateFields() {
        #expect(PythonLayout.v2_7.threadStateThreadId == 144)
        #expect(PythonLayout.v3_6.threadStateFrame == 24)
        #expect(PythonLayout.v3_7.threadStateThreadId == 176)
        #expect(PythonLayout.v3_11.threadStateCframe == 56)
        #expect(PythonLayout.v3_11.cframeCurrentFrame == 8)
        #expect(PythonLayout.v3_12.cframeCurrentFrame == 0)
        #expect(PythonLayout.v3_12.threadStateThreadId == 136)
        #expect(PythonLayout.v3_12.threadStateNativeThreadId == 144)
        #expect(PythonLayout.v3_13.threadStateCurrentFrame == 72)
        #expect(PythonLayout.v3_13.threadStateNativeThreadId == 160)
    }

    @Test func interpreterStateFields() {
        #expect(PythonLayout.v3_8.interpModules == 56)
        #expect(PythonLayout.v3_9.interpModules == 856)
        #expect(PythonLayout.v3_11.interpThreadsHead == 16)
        #expect(PythonLayout.v3_12.interpThreadsHead == 72)
        #expect(PythonLayout.v3_12.interpModules == 944)
        #expect(PythonLayout.v3_12.interpCevalGil == 384)
        #expect(PythonLayout.v3_13.interpNext == 7264)
        #expect(PythonLayout.v3_13.interpThreadsHead == 7344)
        #expect(PythonLayout.v3_13.interpModules == 7656)
        #expect(PythonLayout.v3_13.interpCevalGil == 16)
    }

    @Test func runtimeStateFields() {
        #expect(PythonLayout.v3_6.runtimeInterpretersHead == nil)
        #expect(PythonLayout.v3_7.runtimeInterpretersHead == 24)
        #expect(PythonLayout.v3_10.runtimeInterpretersHead == 32)
        #expect(PythonLayout.v3_12.runtimeInterpretersHead == 40)
        #expect(PythonLayout.v3_13.runtimeInterpretersHead == 632)
        // py-spy keeps these by hand (Linux x86_64, 3.7.4+); here they are compiled.
        #expect(PythonLayout.v3_7.runtimeGilstateTstateCurrent == 1480)
        #expect(PythonLayout.v3_8.runtimeGilstateTstateCurrent == 1368)
        #expect(PythonLayout.v3_10.runtimeGilstateTstateCurrent == 568)
        #expect(PythonLayout.v3_11.runtimeGilstateTstateCurrent == 576)
        #expect(PythonLayout.v3_12.runtimeGilstateTstateCurrent == nil)
        #expect(PythonLayout.v3_12.gilLastHolder == 8)
        #expect(PythonLayout.v3_12.gilLocked == 16)
    }

    @Test func frameFields() {
        #expect(PythonLayout.v2_7.frameObjectLasti == 120)
        #expect(PythonLayout.v3_9.frameObjectLasti == 104)
        #expect(PythonLayout.v3_10.frameObjectLasti == 96)
        #expect(PythonLayout.v3_10.frameObjectLocalsplus == 352)
        #expect(PythonLayout.v3_11.interpreterFrameCode == 32)
        #expect(PythonLayout.v3_11.interpreterFrameIsEntry == 68)
        #expect(PythonLayout.v3_11.interpreterFrameOwner == 69)
        #expect(PythonLayout.v3_12.interpreterFrameIsEntry == nil)
        #expect(PythonLayout.v3_12.interpreterFrameOwner == 70)
        #expect(PythonLayout.v3_13.interpreterFrameInstrPtr == 56)
        #expect(PythonLayout.v3_13.interpreterFrameLocalsplus == 72)
    }

    @Test func codeObjectFields() {
        #expect(PythonLayout.v2_7.codeFirstlineno == 96)
        #expect(PythonLayout.v3_6.codeFirstlineno == 36)
        #expect(PythonLayout.v3_8.codeNlocals == 28)
        #expect(PythonLayout.v3_10.codeLinetable == 120)
        #expect(PythonLayout.v3_11.codeArgcount == 56)
        #expect(PythonLayout.v3_11.codeCodeAdaptive == 184)
        #expect(PythonLayout.v3_12.codeCodeAdaptive == 192)
        #expect(PythonLayout.v3_13.codeCodeAdaptive == 200)
        #expect(PythonLayout.v3_13.codeVarnames == 96)
        #expect(PythonLayout.v3_13.codeQualname == 128)
    }

    @Test func objectFields() {
        #expect(PythonLayout.v2_7.bytesData == 36)
        #expect(PythonLayout.v2_7.intValue == 16)
        #expect(PythonLayout.v3_11.asciiObjectSize == 48)
        #expect(PythonLayout.v3_11.compactUnicodeObjectSize == 72)
        #expect(PythonLayout.v3_12.asciiObjectSize == 40)
        #expect(PythonLayout.v3_12.unicodeData == 56)
        #expect(PythonLayout.v3_12.longTag == 16)
        for layout in [PythonLayout.v2_7, .v3_8, .v3_13] {
            #expect(layout.typeName == 24)
            #expect(layout.typeFlags == 168)
            #expect(layout.typeDictoffset == 288)
        }
    }

    @Test func dictFields() {
        #expect(PythonLayout.v2_7.dictMask == 32)
        #expect(PythonLayout.v2_7.dictTable == 40)
        #expect(PythonLayout.v3_6.dictKeysIndices == 40)
        #expect(PythonLayout.v3_10.dictKeysIndices == 40)
        #expect(PythonLayout.v3_10.dictKeysSize == 8)
        #expect(PythonLayout.v3_11.dictKeysIndices == 32)
        #expect(PythonLayout.v3_11.dictKeysKind == 10)
        #expect(PythonLayout.v3_12.dictValuesValues == nil)
        #expect(PythonLayout.v3_13.dictValuesValues == 8)
        #expect(PythonLayout.v3_13.dictKeys == 32)
        #expect(PythonLayout.v3_13.dictValues == 40)
    }

    @Test func sourceDerivedTablesMatchTheReference() {
        let layout = PythonLayout.v3_14
        #expect(layout.interpNext == 7272)
        #expect(layout.interpThreadsHead == 7344)
        #expect(layout.interpModules == 7664)
        #expect(layout.interpreterFrameOwner == 74)
        #expect(layout.interpreterFrameLocalsplus == 80)
        #expect(layout.codeCodeAdaptive == 208)
        #expect(layout.tupleItems == 32)
        #expect(layout.requiresDebugOffsets)
        #expect(PythonLayout.v3_15.requiresDebugOffsets)
        #expect(PythonLayout.v3_15.runtimeInterpretersHead == nil)
        #expect(!PythonLayout.v3_13.requiresDebugOffsets)
    }

    @Test func forVersionCoversEveryKnownVersion() {
        for (major, minor) in PythonLayout.knownVersions {
            let layout = PythonLayout.forVersion(major: major, minor: minor)
            #expect(layout?.major == major && layout?.minor == minor, "\(major).\(minor)")
        }
        #expect(PythonLayout.forVersion(major: 3, minor: 5) == nil)
        #expect(PythonLayout.forVersion(major: 3, minor: 16) == nil)
        #expect(PythonLayout.forVersion(major: 4, minor: 0) == nil)
    }
}
