#!/usr/bin/env python3
"""Generate Sources/CPythonLayouts/GeneratedLayouts.swift from the CPython headers that pyenv installed.

For every supported minor version found under `$(pyenv root)/versions`, a small C probe is compiled against
that version's own headers (with Py_BUILD_CORE, so the internal pycore_*.h headers are usable) and prints
`offsetof`/`sizeof` for every field of `PythonLayout`. The few structs that no installed header declares
(dict keys for 3.6-3.10 live in Objects/dict-common.h, the module object before 3.10 in
Objects/moduleobject.c) are declared in the probe from their known layout, and those values are then
checked live with ctypes inside the interpreter itself, together with a handful of other fields.

For 3.13 it also emits the byte position of every field of `_Py_DebugOffsets`, parsed from the installed
Include/internal/pycore_runtime.h and placed by the compiler.

Usage:
    python3 scripts/generate_layouts.py            # rewrite the Swift file
    python3 scripts/generate_layouts.py --check    # exit 1 with a diff when the committed file is stale

Only the Python standard library is used; gcc must be on PATH.
"""

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUTPUT = os.path.join(REPO, "Sources", "CPythonLayouts", "GeneratedLayouts.swift")
REGENERATE = "python3 scripts/generate_layouts.py"

# Minor versions compiled from installed headers. 3.14 and 3.15 are hand-derived from CPython's sources in
# SourceDerivedLayouts.swift (checked against the headers scripts/install-test-pythons installs, by
# UngeneratedLayoutTests); forVersion() still lists them.
GENERATED_MINORS = [(2, 7), (3, 6), (3, 7), (3, 8), (3, 9), (3, 10), (3, 11), (3, 12), (3, 13)]
SOURCE_DERIVED_MINORS = [(3, 14), (3, 15)]


def at_least(v, major, minor):
    return v >= (major, minor)


# ---------------------------------------------------------------------------------------------------------
# Field table: (Swift field name, C expression or None). Order must follow PythonLayout.init's parameters.
# ---------------------------------------------------------------------------------------------------------

def field_exprs(v):
    """Return [(swift_name, c_expression_or_None)] for version tuple v, in PythonLayout.init order."""
    py3 = v[0] == 3
    le310 = v <= (3, 10)
    f = []

    def add(name, expr, when=True):
        f.append((name, expr if when else None))

    # _PyRuntimeState
    add("runtimeInterpretersHead", "offsetof(_PyRuntimeState, interpreters.head)", at_least(v, 3, 7))
    add("runtimeGilstateTstateCurrent", "offsetof(_PyRuntimeState, gilstate.tstate_current)",
        at_least(v, 3, 7) and v <= (3, 11))

    # PyInterpreterState
    add("interpNext", "offsetof(PyInterpreterState, next)")
    add("interpThreadsHead",
        "offsetof(PyInterpreterState, threads.head)" if at_least(v, 3, 11)
        else "offsetof(PyInterpreterState, tstate_head)")
    add("interpModules",
        "offsetof(PyInterpreterState, imports.modules)" if at_least(v, 3, 12)
        else "offsetof(PyInterpreterState, modules)")
    add("interpCevalGil", "offsetof(PyInterpreterState, ceval.gil)", at_least(v, 3, 12))

    # _gil_runtime_state
    add("gilLastHolder", "offsetof(struct _gil_runtime_state, last_holder)", at_least(v, 3, 12))
    add("gilLocked", "offsetof(struct _gil_runtime_state, locked)", at_least(v, 3, 12))

    # PyThreadState
    add("threadStateSize", "sizeof(PyThreadState)")
    add("threadStateNext", "offsetof(PyThreadState, next)")
    add("threadStateInterp", "offsetof(PyThreadState, interp)")
    add("threadStateFrame", "offsetof(PyThreadState, frame)", le310)
    add("threadStateCframe", "offsetof(PyThreadState, cframe)", (3, 11) <= v <= (3, 12))
    add("cframeCurrentFrame", "offsetof(_PyCFrame, current_frame)", (3, 11) <= v <= (3, 12))
    add("threadStateCurrentFrame", "offsetof(PyThreadState, current_frame)", at_least(v, 3, 13))
    add("threadStateThreadId", "offsetof(PyThreadState, thread_id)")
    add("threadStateNativeThreadId", "offsetof(PyThreadState, native_thread_id)", at_least(v, 3, 11))

    # PyFrameObject (the frame chain itself up to 3.10)
    add("frameObjectSize", "sizeof(PyFrameObject)", le310)
    add("frameObjectBack", "offsetof(PyFrameObject, f_back)", le310)
    add("frameObjectCode", "offsetof(PyFrameObject, f_code)", le310)
    add("frameObjectLasti", "offsetof(PyFrameObject, f_lasti)", le310)
    add("frameObjectLocalsplus", "offsetof(PyFrameObject, f_localsplus)", le310)

    # _PyInterpreterFrame
    new_frames = at_least(v, 3, 11)
    add("interpreterFrameSize", "sizeof(_PyInterpreterFrame)", new_frames)
    add("interpreterFrameCode",
        "offsetof(_PyInterpreterFrame, f_executable)" if at_least(v, 3, 13)
        else "offsetof(_PyInterpreterFrame, f_code)", new_frames)
    add("interpreterFramePrevious", "offsetof(_PyInterpreterFrame, previous)", new_frames)
    add("interpreterFrameInstrPtr",
        "offsetof(_PyInterpreterFrame, instr_ptr)" if at_least(v, 3, 13)
        else "offsetof(_PyInterpreterFrame, prev_instr)", new_frames)
    add("interpreterFrameIsEntry", "offsetof(_PyInterpreterFrame, is_entry)", v == (3, 11))
    add("interpreterFrameOwner", "offsetof(_PyInterpreterFrame, owner)", new_frames)
    add("interpreterFrameLocalsplus", "offsetof(_PyInterpreterFrame, localsplus)", new_frames)

    # PyCodeObject
    add("codeSize", "sizeof(PyCodeObject)")
    add("codeArgcount", "offsetof(PyCodeObject, co_argcount)")
    add("codeNlocals", "offsetof(PyCodeObject, co_nlocals)")
    add("codeFirstlineno", "offsetof(PyCodeObject, co_firstlineno)")
    add("codeVarnames",
        "offsetof(PyCodeObject, co_localsplusnames)" if new_frames else "offsetof(PyCodeObject, co_varnames)")
    add("codeFilename", "offsetof(PyCodeObject, co_filename)")
    add("codeName", "offsetof(PyCodeObject, co_name)")
    add("codeQualname", "offsetof(PyCodeObject, co_qualname)", new_frames)
    add("codeLinetable",
        "offsetof(PyCodeObject, co_linetable)" if at_least(v, 3, 10) else "offsetof(PyCodeObject, co_lnotab)")
    add("codeCode", "offsetof(PyCodeObject, co_code)", le310)
    add("codeCodeAdaptive", "offsetof(PyCodeObject, co_code_adaptive)", new_frames)
    add("codeFirstTraceable", "offsetof(PyCodeObject, _co_firsttraceable)", new_frames)

    # Objects
    add("objectType", "offsetof(PyObject, ob_type)")
    add("varObjectSize", "offsetof(PyVarObject, ob_size)")
    add("typeName", "offsetof(PyTypeObject, tp_name)")
    add("typeBasicsize", "offsetof(PyTypeObject, tp_basicsize)")
    add("typeFlags", "offsetof(PyTypeObject, tp_flags)")
    add("typeDictoffset", "offsetof(PyTypeObject, tp_dictoffset)")
    add("heapTypeCachedKeys", "offsetof(PyHeapTypeObject, ht_cached_keys)", py3)
    add("tupleItems", "offsetof(PyTupleObject, ob_item)")
    add("listItems", "offsetof(PyListObject, ob_item)")
    add("bytesData", "offsetof(PyBytesObject, ob_sval)" if py3 else "offsetof(PyStringObject, ob_sval)")
    add("unicodeLength", "offsetof(PyASCIIObject, length)", py3)
    add("unicodeState", "offsetof(PyASCIIObject, state)", py3)
    add("asciiObjectSize", "sizeof(PyASCIIObject)", py3)
    add("compactUnicodeObjectSize", "sizeof(PyCompactUnicodeObject)", py3)
    add("unicodeData", "offsetof(PyUnicodeObject, data)", py3)
    add("longDigits",
        "offsetof(PyLongObject, long_value.ob_digit)" if at_least(v, 3, 12)
        else "offsetof(PyLongObject, ob_digit)")
    add("longTag", "offsetof(PyLongObject, long_value.lv_tag)", at_least(v, 3, 12))
    add("intValue", "offsetof(PyIntObject, ob_ival)", not py3)
    add("floatValue", "offsetof(PyFloatObject, ob_fval)")
    add("moduleDict",
        "offsetof(PyModuleObject, md_dict)" if at_least(v, 3, 10) else "offsetof(swiftspy_module, md_dict)")

    # Dicts
    own_keys = (3, 6) <= v <= (3, 10)
    keys = "swiftspy_dictkeys" if own_keys else "PyDictKeysObject"
    add("dictUsed", "offsetof(PyDictObject, ma_used)")
    add("dictKeys", "offsetof(PyDictObject, ma_keys)", py3)
    add("dictValues", "offsetof(PyDictObject, ma_values)", py3)
    add("dictMask", "offsetof(PyDictObject, ma_mask)", not py3)
    add("dictTable", "offsetof(PyDictObject, ma_table)", not py3)
    add("dictKeysSize", "offsetof(%s, dk_size)" % keys, own_keys)
    add("dictKeysLog2Size", "offsetof(PyDictKeysObject, dk_log2_size)", new_frames)
    add("dictKeysLog2IndexBytes", "offsetof(PyDictKeysObject, dk_log2_index_bytes)", new_frames)
    add("dictKeysKind", "offsetof(PyDictKeysObject, dk_kind)", new_frames)
    add("dictKeysNentries", "offsetof(%s, dk_nentries)" % keys, py3)
    add("dictKeysIndices", "offsetof(%s, dk_indices)" % keys, py3)
    add("dictValuesValues", "offsetof(PyDictValues, values)", at_least(v, 3, 13))

    # Locals (dump --locals): argument counts and kinds, cells, sets
    add("codeFlags", "offsetof(PyCodeObject, co_flags)")
    add("codeKwonlyargcount", "offsetof(PyCodeObject, co_kwonlyargcount)", py3)
    add("codeCellvars", "offsetof(PyCodeObject, co_cellvars)", le310)
    add("codeFreevars", "offsetof(PyCodeObject, co_freevars)", le310)
    add("codeLocalsplusKinds", "offsetof(PyCodeObject, co_localspluskinds)", new_frames)
    add("cellObjectRef", "offsetof(PyCellObject, ob_ref)")
    add("setUsed", "offsetof(PySetObject, used)")
    add("setMask", "offsetof(PySetObject, mask)")
    add("setTable", "offsetof(PySetObject, table)")
    add("setEntryKey", "offsetof(setentry, key)")
    add("setEntryHash", "offsetof(setentry, hash)")
    add("setEntrySize", "sizeof(setentry)")
    return f


# ---------------------------------------------------------------------------------------------------------
# The C probe
# ---------------------------------------------------------------------------------------------------------

# Layouts that no installed header declares. Written from the CPython source of each version; each one is
# also checked live by LIVE_CHECK below.
OWN_DICT_KEYS = r"""
/* PyDictKeysObject for 3.6-3.10 is private to Objects/dict-common.h, which is not installed. Its header is
   five word-sized fields (refcount, table size, lookup function, usable slots, used entries) followed by the
   variable-width index array; 3.6 declared that array as a union of fixed arrays, 3.7-3.10 as a flexible
   char array, at the same position. Checked live: dk_size and dk_nentries of a fresh one-item dict. */
typedef struct {
    Py_ssize_t dk_refcnt;
    Py_ssize_t dk_size;
    void *dk_lookup;
    Py_ssize_t dk_usable;
    Py_ssize_t dk_nentries;
    char dk_indices[8];
} swiftspy_dictkeys;
"""

OWN_MODULE = r"""
/* PyModuleObject is private to Objects/moduleobject.c before 3.10 (internal/pycore_moduleobject.h after).
   Its first field after the object header is the module's __dict__. Checked live: md_dict of sys is
   id(sys.__dict__). */
typedef struct {
    PyObject_HEAD
    PyObject *md_dict;
} swiftspy_module;
"""


def probe_source(v, include_dir):
    lines = ["#include <stddef.h>", "#include <stdio.h>"]
    if v >= (3, 7):
        lines.append("#define Py_BUILD_CORE 1")
    lines.append('#include "Python.h"')

    def have(rel):
        return os.path.exists(os.path.join(include_dir, rel))

    for rel in ["frameobject.h", "code.h", "longintrepr.h", "cpython/longintrepr.h"]:
        if have(rel) and not (rel == "frameobject.h" and v >= (3, 11)):
            lines.append('#include "%s"' % rel)
    if v == (3, 7):
        lines.append('#include "internal/pystate.h"')
    elif v == (3, 8):
        lines.append('#include "internal/pycore_pystate.h"')
    internal = ["pycore_runtime.h", "pycore_interp.h", "pycore_pystate.h", "pycore_gil.h",
                "pycore_moduleobject.h", "pycore_frame.h", "pycore_code.h", "pycore_dict.h"]
    if v >= (3, 9):
        for name in internal:
            if have(os.path.join("internal", name)):
                lines.append('#include "internal/%s"' % name)
    if (3, 6) <= v <= (3, 10):
        lines.append(OWN_DICT_KEYS)
    if v < (3, 10):
        lines.append(OWN_MODULE)
    lines.append("#define P(name, expr) printf(\"%s %zu\\n\", name, (size_t)(expr))")
    lines.append("int main(void) {")
    for name, expr in field_exprs(v):
        if expr is not None:
            lines.append('    P("%s", %s);' % (name, expr))
    if v == (3, 13):
        for group, fields in debug_offsets_groups(include_dir):
            for field in fields:
                lines.append('    P("debug:%s.%s", offsetof(_Py_DebugOffsets, %s.%s));' % (group, field, group, field))
        lines.append('    P("debug:total", sizeof(_Py_DebugOffsets));')
    lines.append("    return 0;")
    lines.append("}")
    return "\n".join(lines) + "\n"


def debug_offsets_groups(include_dir):
    """Parse the `_Py_DebugOffsets` struct from the installed header: [(group, [field, ...]), ...]."""
    text = None
    for rel in ["internal/pycore_debug_offsets.h", "internal/pycore_runtime.h"]:
        path = os.path.join(include_dir, rel)
        if os.path.exists(path):
            with open(path) as fh:
                candidate = fh.read()
            if "typedef struct _Py_DebugOffsets" in candidate:
                text = candidate
                break
    if text is None:
        raise SystemExit("no _Py_DebugOffsets in %s" % include_dir)
    body = text.split("typedef struct _Py_DebugOffsets", 1)[1].split("} _Py_DebugOffsets;", 1)[0]
    body = re.sub(r"//[^\n]*", "", body)
    groups = []
    for m in re.finditer(r"struct\s+\w*\s*\{([^}]*)\}\s*(\w+)\s*;", body):
        fields = re.findall(r"uint64_t\s+(\w+)\s*;", m.group(1))
        groups.append((m.group(2), fields))
    return groups


def include_dir_for(prefix, v):
    base = os.path.join(prefix, "include")
    for name in sorted(os.listdir(base)):
        if re.fullmatch(r"python%d\.%d[a-z]*" % v, name):
            return os.path.join(base, name)
    raise SystemExit("no include/python%d.%d* under %s" % (v + (prefix,)))


def run_probe(v, prefix, workdir):
    include_dir = include_dir_for(prefix, v)
    src = os.path.join(workdir, "probe_%d_%d.c" % v)
    exe = os.path.join(workdir, "probe_%d_%d" % v)
    with open(src, "w") as fh:
        fh.write(probe_source(v, include_dir))
    cmd = ["gcc", "-w", "-std=gnu11", "-I", include_dir, src, "-o", exe]
    result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    if result.returncode != 0:
        raise SystemExit("probe for %d.%d failed to compile:\n%s" % (v + (result.stderr[-4000:],)))
    out = subprocess.run([exe], stdout=subprocess.PIPE, check=True, universal_newlines=True).stdout
    values = {}
    for line in out.splitlines():
        key, value = line.split()
        values[key] = int(value)
    debug_groups = debug_offsets_groups(include_dir) if v == (3, 13) else None
    return values, debug_groups


# ---------------------------------------------------------------------------------------------------------
# Live checks, run inside each interpreter with ctypes (Python 2.7 and 3.x syntax)
# ---------------------------------------------------------------------------------------------------------

LIVE_CHECK = r"""
import ctypes, sys
L = %(layout)r
V = sys.version_info[:2]
P = ctypes.c_void_p
def word(addr):
    return ctypes.c_ssize_t.from_address(addr).value
def ptr(addr):
    return P.from_address(addr).value or 0
def ulong(addr):
    return ctypes.c_ulong.from_address(addr).value
failures = []
def check(what, got, want):
    if got != want:
        failures.append("%%s: read %%r, expected %%r" %% (what, got, want))

ctypes.pythonapi.PyThreadState_Get.restype = P
tstate = ctypes.pythonapi.PyThreadState_Get()
try:
    import threading
    ident = threading.get_ident()
except AttributeError:
    import thread
    ident = thread.get_ident()
check("PyThreadState.thread_id", ulong(tstate + L["threadStateThreadId"]), ident)
interp = ptr(tstate + L["threadStateInterp"])
check("PyInterpreterState thread list head", ptr(interp + L["interpThreadsHead"]), tstate)
check("PyInterpreterState modules", ptr(interp + L["interpModules"]), id(sys.modules))

# The innermost frame is read inline at module level: calling a Python function would push another frame.
frame = sys._getframe()
if "frameObjectCode" in L:
    current = P.from_address(tstate + L["threadStateFrame"]).value
    check("PyThreadState.frame", current, id(frame))
    check("PyFrameObject.f_code", ptr(id(frame) + L["frameObjectCode"]), id(frame.f_code))
else:
    if "threadStateCurrentFrame" in L:
        iframe = P.from_address(tstate + L["threadStateCurrentFrame"]).value
    else:
        iframe = P.from_address(P.from_address(tstate + L["threadStateCframe"]).value + L["cframeCurrentFrame"]).value
    check("_PyInterpreterFrame code", ptr(iframe + L["interpreterFrameCode"]), id(frame.f_code))

code = frame.f_code
check("PyCodeObject.co_filename", ptr(id(code) + L["codeFilename"]), id(code.co_filename))
check("PyCodeObject.co_name", ptr(id(code) + L["codeName"]), id(code.co_name))
check("PyCodeObject.co_firstlineno", ctypes.c_int.from_address(id(code) + L["codeFirstlineno"]).value,
      code.co_firstlineno)

check("PyModuleObject.md_dict", ptr(id(sys) + L["moduleDict"]), id(sys.__dict__))

d = {"only": 1}
if "dictKeys" in L:
    keys = ptr(id(d) + L["dictKeys"])
    check("PyDictKeysObject.dk_nentries", word(keys + L["dictKeysNentries"]), 1)
    if "dictKeysSize" in L:
        check("PyDictKeysObject.dk_size", word(keys + L["dictKeysSize"]), 8)
    else:
        check("PyDictKeysObject.dk_log2_size", ctypes.c_uint8.from_address(keys + L["dictKeysLog2Size"]).value, 3)
else:
    check("PyDictObject.ma_used", word(id(d) + L["dictUsed"]), 1)
    check("PyDictObject.ma_mask", word(id(d) + L["dictMask"]), 7)

# Locals: a closure's cell and code flags, argument kinds, and a set's table.
def _closure_probe():
    held = object()
    def inner(*args, **kwargs):
        return held
    return inner, held
inner, held = _closure_probe()
inner_code = inner.__code__
check("PyCellObject.ob_ref", ptr(id(inner.__closure__[0]) + L["cellObjectRef"]), id(held))
check("PyCodeObject.co_flags", ctypes.c_int.from_address(id(inner_code) + L["codeFlags"]).value,
      inner_code.co_flags)
if "codeKwonlyargcount" in L:
    namespace = {}
    exec("def keywords(a, *, b, c): pass", namespace)
    check("PyCodeObject.co_kwonlyargcount",
          ctypes.c_int.from_address(id(namespace["keywords"].__code__) + L["codeKwonlyargcount"]).value, 2)
if "codeCellvars" in L:
    check("PyCodeObject.co_cellvars", ptr(id(_closure_probe.__code__) + L["codeCellvars"]),
          id(_closure_probe.__code__.co_cellvars))
    check("PyCodeObject.co_freevars", ptr(id(inner_code) + L["codeFreevars"]), id(inner_code.co_freevars))
if "codeLocalsplusKinds" in L:
    kinds = ptr(id(inner_code) + L["codeLocalsplusKinds"])
    # args, kwargs (plain locals), then the free variable `held`: CO_FAST_LOCAL = 0x20, CO_FAST_FREE = 0x80.
    check("PyCodeObject.co_localspluskinds", bytearray(ctypes.string_at(kinds + L["bytesData"], word(kinds + 16))),
          bytearray([0x20, 0x20, 0x80]))
s = set([1, 2, 3])
check("PySetObject.used", word(id(s) + L["setUsed"]), 3)
check("PySetObject.mask", word(id(s) + L["setMask"]), 7)
table = ptr(id(s) + L["setTable"])
found = {}
for slot in range(8):
    entry = table + slot * L["setEntrySize"]
    key = ptr(entry + L["setEntryKey"])
    if key:
        found[key] = word(entry + L["setEntryHash"])
check("setentry key and hash", found, dict((id(k), hash(k)) for k in s))

if failures:
    sys.stdout.write("\n".join(failures) + "\n")
    sys.exit(1)
sys.stdout.write("ok\n")
"""


def live_check(v, prefix, values):
    exe = os.path.join(prefix, "bin", "python%d.%d" % v)
    layout = dict((k, val) for k, val in values.items() if not k.startswith("debug:"))
    result = subprocess.run([exe, "-c", LIVE_CHECK % {"layout": layout}], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, universal_newlines=True)
    if result.returncode != 0 or result.stdout.strip() != "ok":
        raise SystemExit("live check of the %d.%d layout failed:\n%s" % (v + (result.stdout,)))


# ---------------------------------------------------------------------------------------------------------
# Swift output
# ---------------------------------------------------------------------------------------------------------

def swift_layout(v, patch, values):
    out = []
    out.append("    /// CPython %d.%d, compiled from the %s headers." % (v[0], v[1], patch))
    out.append("    package static let v%d_%d = PythonLayout(" % v)
    args = ["major: %d" % v[0], "minor: %d" % v[1]]
    for name, expr in field_exprs(v):
        if expr is not None:
            args.append("%s: %d" % (name, values[name]))
    line = "       "
    for i, arg in enumerate(args):
        piece = " " + arg + ("," if i < len(args) - 1 else "")
        if len(line) + len(piece) > 116:
            out.append(line)
            line = "       "
        line += piece
    out.append(line)
    out.append("    )")
    return out


def swift_debug_layout(patch, groups, values):
    out = []
    out.append("extension DebugOffsetsLayout {")
    out.append("    /// `_Py_DebugOffsets` of CPython 3.13, each field placed by the compiler from the %s" % patch)
    out.append("    /// Include/internal/pycore_runtime.h.")
    out.append("    package static let v3_13 = DebugOffsetsLayout(minor: 13, totalSize: %d, groups: ["
               % values["debug:total"])
    for group, fields in groups:
        placed = ", ".join('("%s", %d)' % (f, values["debug:%s.%s" % (group, f)]) for f in fields)
        out.append('        DebugOffsetsGroup("%s", fields: [%s]),' % (group, placed))
    out.append("    ])")
    out.append("}")
    # Wrap long group lines.
    wrapped = []
    for line in out:
        if len(line) <= 120:
            wrapped.append(line)
            continue
        head, rest = line.split("fields: [", 1)
        wrapped.append(head + "fields: [")
        items = re.findall(r'\("[^"]+", \d+\)', rest)
        cur = "            "
        for i, item in enumerate(items):
            piece = item + ", "
            if len(cur) + len(piece) > 118:
                wrapped.append(cur.rstrip())
                cur = "            "
            cur += piece
        wrapped.append(cur.rstrip().rstrip(","))
        wrapped.append("        ]),")
    return wrapped


def render(results):
    lines = [
        "// swift-format-ignore-file",
        "// Generated by scripts/generate_layouts.py — do not edit.",
        "// Regenerate with `%s` (needs pyenv's interpreters and gcc)." % REGENERATE,
        "//",
        "// Every value is offsetof/sizeof compiled against that version's own headers (Py_BUILD_CORE) on Linux",
        "// x86_64, then spot-checked with ctypes inside the interpreter. The 3.14 and 3.15 tables are derived by",
        "// hand in SourceDerivedLayouts.swift (their interpreter-state offsets move between patch releases, and",
        "// `_Py_DebugOffsets` always replaces them) and checked against installed headers by UngeneratedLayoutTests.",
        "",
        "extension PythonLayout {",
    ]
    for v in GENERATED_MINORS:
        patch, values, _ = results[v]
        lines.extend(swift_layout(v, patch, values))
        lines.append("")
    lines.append("    /// The table for a minor version: compiled for 2.7 and 3.6-3.13, hand-derived for 3.14 and 3.15;")
    lines.append("    /// nil for versions swiftspy has no table for.")
    lines.append("    package static func forVersion(major: Int, minor: Int) -> PythonLayout? {")
    lines.append("        switch (major, minor) {")
    for v in GENERATED_MINORS + SOURCE_DERIVED_MINORS:
        lines.append("        case (%d, %d): return .v%d_%d" % (v + v))
    lines.append("        default: return nil")
    lines.append("        }")
    lines.append("    }")
    lines.append("")
    lines.append("    /// Every minor version `forVersion` knows, oldest first.")
    lines.append("    package static let knownVersions: [(major: Int, minor: Int)] = [")
    known = ", ".join("(%d, %d)" % v for v in GENERATED_MINORS + SOURCE_DERIVED_MINORS)
    lines.append("        " + known + ",")
    lines.append("    ]")
    lines.append("}")
    lines.append("")
    patch, values, groups = results[(3, 13)]
    lines.extend(swift_debug_layout(patch, groups, values))
    return "\n".join(lines) + "\n"


def pyenv_versions_dir():
    root = os.environ.get("PYENV_ROOT")
    if not root:
        try:
            root = subprocess.run(["pyenv", "root"], stdout=subprocess.PIPE, universal_newlines=True,
                                  check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            root = os.path.expanduser("~/.pyenv")
    return os.path.join(root, "versions")


def find_install(versions_dir, v):
    """Newest installed X.Y.Z (GIL build) for minor v."""
    best = None
    for name in os.listdir(versions_dir):
        m = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)", name)
        if m and (int(m.group(1)), int(m.group(2))) == v:
            key = int(m.group(3))
            if best is None or key > best[0]:
                best = (key, name)
    return best[1] if best else None


def generate():
    versions_dir = pyenv_versions_dir()
    if not os.path.isdir(versions_dir):
        raise SystemExit("no pyenv versions directory at %s" % versions_dir)
    if shutil.which("gcc") is None:
        raise SystemExit("gcc is needed to compile the layout probes")
    results = {}
    missing = []
    with tempfile.TemporaryDirectory(prefix="swiftspy-layouts-") as workdir:
        for v in GENERATED_MINORS:
            name = find_install(versions_dir, v)
            if name is None:
                missing.append("%d.%d" % v)
                continue
            prefix = os.path.join(versions_dir, name)
            values, groups = run_probe(v, prefix, workdir)
            live_check(v, prefix, values)
            results[v] = (name, values, groups)
    if missing:
        raise SystemExit("missing pyenv interpreters for %s under %s (install them with `pyenv install`)"
                         % (", ".join(missing), versions_dir))
    return render(results)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="exit non-zero with a diff when the committed file is out of date")
    args = parser.parse_args()
    text = generate()
    if args.check:
        try:
            with open(OUTPUT, encoding="utf-8") as fh:
                current = fh.read()
        except FileNotFoundError:
            current = ""
        if current != text:
            diff = difflib.unified_diff(current.splitlines(True), text.splitlines(True),
                                        "committed/GeneratedLayouts.swift", "regenerated/GeneratedLayouts.swift")
            sys.stdout.writelines(diff)
            sys.stdout.write("\nGeneratedLayouts.swift is stale: run `%s` and commit the result.\n" % REGENERATE)
            return 1
        sys.stdout.write("GeneratedLayouts.swift is up to date.\n")
        return 0
    with open(OUTPUT, "w", encoding="utf-8") as fh:
        fh.write(text)
    sys.stdout.write("wrote %s\n" % os.path.relpath(OUTPUT, REPO))
    return 0


if __name__ == "__main__":
    sys.exit(main())
