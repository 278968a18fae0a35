# -*- coding: utf-8 -*-
"""Writes line-table test vectors for CodeLocationsTests, one JSON file per interpreter.

Run it with every interpreter to cover (it is valid Python 2.7 and 3.x):

    for v in 2.7.18 3.6.15 3.7.16 3.8.18 3.9.18 3.10.13 3.11.7 3.12.1 3.13.0; do
        "$(pyenv root)/versions/$v/bin/python" Tests/CodeLocationsTests/make_vectors.py Tests/CodeLocationsTests/Vectors
    done

The oracle is the interpreter itself: CPython's exported C function PyCode_Addr2Line(code, byte_offset), called
through ctypes, which is what frame.f_lineno uses when no trace function is set. Nothing here decodes a table.

Each file holds, for every code object compiled from the sources below:
  "table": the raw table as hex (co_lnotab up to 3.9, co_linetable from 3.10),
  "first": co_firstlineno, "size": len(co_code) in bytes (for the synthetic tables: past their end),
  "lines": [[offset, line], ...] runs; the line at byte offset o is that of the last run starting at or before o,
           -1 meaning "no line". Offsets from -2 to size + 3 were checked against the oracle.
"""
from __future__ import print_function

import binascii
import ctypes
import json
import os
import platform
import sys

BLANK = "\n" * 300
# One line whose code is longer than 255 bytes, so lnotab and the 3.10 table must split the address step. The
# 3.11+ table splits every 8 code units anyway and stores columns per instruction, so keep it short there.
WIDE = 140 if sys.version_info < (3, 11) else 12

# Valid in 2.7 and every 3.x. Blank runs make line jumps of more than 127 and 255 lines (both directions)
# without making the code, or the vectors, large.
COMMON = """\
import time

def multi_line_call():
    x = 1
    time.sleep(
        x *
        100000)
    return x

def long_jump_forward(a):
    a += 1
""" + BLANK + """\
    a += 2
    return a

def long_loop_backward(items):
    total = 0
    for item in items:
        total += item
""" + BLANK + """\
        total -= 1
    return total

def long_call_arguments(f):
    return f(1,
""" + BLANK + """\
             2)

def wide_line(a):
    return [""" + ", ".join(["a"] * WIDE) + """]

def loops_and_branches(n):
    i = 0
    while i < n:
        if (i % 3 == 0 and
                i % 5 == 0):
            i += 2
        elif i > 100:
            break
        else:
            i += 1
    return [x * 2
            for x in range(n)
            if x % 2]

def exceptions(path):
    try:
        with open(path) as handle:
            data = handle.read()
    except (IOError, OSError) as error:
        data = str(error)
    finally:
        path = None
    return data

def generator(n):
    for i in range(n):
        yield (i,
               i * 2)

class Klass(object):
    attribute = {k: v for k, v in
                 [(1, 2), (3, 4)]}

    def method(self):
        return lambda y: (y +
                          1)

def implicit_return(a):
    if a:
        a = 2
"""

# Snippets that need a newer parser: (minimum version, source).
MODERN = [
    ((3, 5), """\
async def coroutine(session, items):
    async with session as s:
        async for item in items:
            await s.send(item,
                         1)
    return s
"""),
    ((3, 6), """\
def f_strings(a, b):
    return f"{a}" \\
        f"{b!r:>{10}}"
"""),
    ((3, 8), """\
def walrus(data):
    while (chunk := data.read(
            10)):
        yield chunk
"""),
    ((3, 10), """\
def matching(command):
    match command.split():
        case [action]:
            return action
        case [action, obj] if obj:
            return obj
        case _:
            return None
"""),
    ((3, 11), """\
def exception_groups():
    try:
        raise ExceptionGroup("x", [ValueError(1)])
    except* ValueError as group:
        caught = group
    return caught
"""),
    ((3, 12), """\
def generic[T](value: T) -> T:
    return [v for v in (value,)
            if v][0]
"""),
]


# Hand-made tables that the compiler would not emit, installed into a real code object so the interpreter
# still decides the answer. They reach the corners: bytes of 0x80 and above in the line slot (unsigned before
# 3.6, signed after), (255, 0) and (0, 255) steps, an odd trailing byte, zero-length and "no line" 3.10
# entries, every 3.11+ entry form, multi-byte and negative varints, and a varint cut off by the table's end.
LNOTAB_TABLES = [
    [0, 1, 4, 200, 6, 130, 2, 255, 0, 255, 3, 1, 255, 0, 5, 2, 0, 128, 1, 127, 7],
    [],
    [2, 128],
]
LINETABLE_310_TABLES = [
    [0, 5, 0, 128, 4, 128, 6, 3, 0, 2, 254, 1, 10, 253, 2, 128, 2, 0, 255, 127, 7],
    [],
    [6, 128],
]
LOCATION_TABLES = [
    [0x80, 0x00,                          # short form 0, 1 unit
     0x80 | (11 << 3) | 2, 4, 9,          # one-line form, +1, 3 units
     0x80 | (15 << 3) | 1,                # no location, 2 units
     0x80 | (14 << 3), 0x59, 0x09, 0, 5, 0x46, 1,  # long form, line -300 (two-byte varint), columns
     0x80 | (13 << 3) | 7, 0x40, 0x7d, 0x01,       # no columns, line +4000 (three-byte varint), 8 units
     0x80 | (12 << 3), 1, 2,              # one-line form, +2
     0x80 | (10 << 3) | 1, 0, 3,          # one-line form, +0, 2 units
     0x80 | (9 << 3), 5,                  # short form 9
     0x80 | (13 << 3) | 2, 0x03,          # no columns, line -1
     0x80 | (13 << 3), 0x42],             # no columns, varint continued past the end of the table
    [],
    [0x18, 0x05, 0x80 | (11 << 3), 4, 5, 0x80 | (15 << 3) | 7],  # first byte lacks bit 7
]


def synthetic_tables():
    if sys.version_info >= (3, 11):
        return LOCATION_TABLES
    if sys.version_info >= (3, 10):
        return LINETABLE_310_TABLES
    return LNOTAB_TABLES


def with_table(template, table, first):
    """A copy of `template` whose line table is `table` (a bytes object) and whose first line is `first`."""
    if sys.version_info >= (3, 10):
        return template.replace(co_linetable=table, co_firstlineno=first)
    if sys.version_info >= (3, 8):
        return template.replace(co_lnotab=table, co_firstlineno=first)
    import types
    c = template
    head = (c.co_argcount,) + ((c.co_kwonlyargcount,) if sys.version_info[0] >= 3 else ())
    return types.CodeType(*(head + (
        c.co_nlocals, c.co_stacksize, c.co_flags, c.co_code, c.co_consts, c.co_names, c.co_varnames,
        c.co_filename, c.co_name, first, table, c.co_freevars, c.co_cellvars)))


def addr2line():
    function = ctypes.pythonapi.PyCode_Addr2Line
    function.argtypes = [ctypes.py_object, ctypes.c_int]
    function.restype = ctypes.c_int
    return function


def code_objects(code):
    yield code
    for constant in code.co_consts:
        if hasattr(constant, "co_code"):
            for nested in code_objects(constant):
                yield nested


def table_bytes(code):
    if sys.version_info >= (3, 10):
        return code.co_linetable
    return code.co_lnotab


def line_runs(code, lookup, size):
    runs = []
    for offset in range(-2, size + 4):
        line = lookup(code, offset)
        if not runs or runs[-1][1] != line:
            runs.append([offset, line])
    return runs


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "Vectors")
    sources = [COMMON] + [text for (minimum, text) in MODERN if sys.version_info[:2] >= minimum]
    lookup = addr2line()
    compiled = []
    for index, source in enumerate(sources):
        compiled.extend(code_objects(compile(source, "<vectors %d>" % index, "exec")))
    for index, table in enumerate(synthetic_tables()):
        code = with_table(compiled[0], bytes(bytearray(table)), 400)
        code_size = sum(table) + 32  # past the end of anything the table can describe, in any format
        compiled.append((code, "synthetic-%d" % index, code_size))
    codes = []
    for entry in compiled:
        code, name, size = entry if isinstance(entry, tuple) else (entry, entry.co_name, len(entry.co_code))
        codes.append({
            "name": name,
            "first": code.co_firstlineno,
            "size": size,
            "table": binascii.hexlify(table_bytes(code)).decode("ascii"),
            "lines": line_runs(code, lookup, size),
        })
    version = platform.python_version()
    document = {
        "python": version,
        "major": sys.version_info[0],
        "minor": sys.version_info[1],
        "codes": codes,
    }
    path = os.path.join(out_dir, "python-%s.json" % version)
    with open(path, "w") as handle:
        handle.write(json.dumps(document, separators=(",", ":"), sort_keys=True))
        handle.write("\n")
    no_line = sum(1 for c in codes for (start, line) in c["lines"] if line == -1 and 0 <= start < c["size"])
    print("%s: %d code objects, %d no-line runs inside the code -> %s" % (version, len(codes), no_line, path))


if __name__ == "__main__":
    main()
