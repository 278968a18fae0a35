extension PythonLayout {
    /// The layout of the free-threaded (`Py_GIL_DISABLED`) build of the same version, from its GIL build's.
    ///
    /// Such a build widens `PyObject` from 16 to 32 bytes (`ob_tid`, `ob_flags`, `ob_mutex`, `ob_gc_bits`,
    /// `ob_ref_local` and `ob_ref_shared` replace `ob_refcnt`; Include/object.h), and nothing else that swiftspy
    /// reads moves: every offset inside an object, and every object size, grows by those 16 bytes; thread
    /// states, interpreter frames, dict keys and values keep theirs (`dk_mutex` fits in existing padding). The
    /// GC header is not in front of the object any more, so a managed dict's pointer is the word just before it
    /// (`MANAGED_DICT_OFFSET`, Include/internal/pycore_object.h). The interpreter state and its GIL differ too,
    /// but every free-threaded build (3.13+) carries those in its block. Checked field by field against the compiler's
    /// placement in a 3.13t build's own headers (`UngeneratedLayoutTests`). `_Py_DebugOffsets` then replaces
    /// what it carries with the build's own values.
    package func freeThreaded() -> PythonLayout {
        guard !isFreeThreaded else { return self }
        var layout = self
        let growth = Self.freeThreadedHeaderGrowth
        for field in Self.objectRelativeFields { layout[keyPath: field] += growth }
        for field in Self.optionalObjectRelativeFields {
            layout[keyPath: field] = layout[keyPath: field].map { $0 + growth }
        }
        layout.managedDictOffset = -8
        layout.isFreeThreaded = true
        return layout
    }

    /// `sizeof(PyObject)` of a free-threaded build less that of a GIL build.
    static let freeThreadedHeaderGrowth = 16

    /// Offsets inside objects (and object sizes) that every layout has.
    static var objectRelativeFields: [WritableKeyPath<PythonLayout, Int>] {
        [
            \.codeSize, \.codeArgcount, \.codeNlocals, \.codeFirstlineno, \.codeVarnames, \.codeFilename, \.codeName,
            \.codeLinetable, \.objectType, \.varObjectSize, \.typeName, \.typeBasicsize, \.typeFlags, \.typeDictoffset,
            \.tupleItems, \.listItems, \.bytesData, \.floatValue, \.moduleDict, \.dictUsed
        ]
    }

    /// Offsets inside objects that only some versions have.
    static var optionalObjectRelativeFields: [WritableKeyPath<PythonLayout, Int?>] {
        [
            \.codeQualname, \.codeCode, \.codeCodeAdaptive, \.codeFirstTraceable, \.heapTypeCachedKeys,
            \.unicodeLength, \.unicodeState, \.asciiObjectSize, \.compactUnicodeObjectSize, \.unicodeData,
            \.longDigits, \.longTag, \.intValue, \.dictKeys, \.dictValues, \.dictMask, \.dictTable, \.codeFlags,
            \.codeKwonlyargcount, \.codeCellvars, \.codeFreevars, \.codeLocalsplusKinds, \.cellObjectRef, \.setUsed,
            \.setMask, \.setTable, \.frameObjectSize, \.frameObjectBack, \.frameObjectCode, \.frameObjectLasti,
            \.frameObjectLocalsplus
        ]
    }
}
