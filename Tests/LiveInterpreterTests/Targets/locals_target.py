# -*- coding: utf-8 -*-
"""Target for the `dump --locals` tests: a frame holding a local of every kind swiftspy formats, parked in a sleep.

Before parking it prints one line of JSON: for each `-l` count the tests use, the variables of the `parked` and
`closure_owner` frames exactly as `dump --locals --json` must list them (name, whether it is an argument, the
object's address and its text). The values are the interpreter's own (`frame.f_locals`, `id()`), the order and
argument flags come from the code objects, and the texts are made by `expected_repr` below, which states swiftspy's
formatting rules over Python values, independently of how swiftspy reads memory.

Runs unchanged on Python 2.7 and 3.6+.
"""
from __future__ import unicode_literals

import json
import math
import sys
import time

#: Long enough to outlive any test run; the harness kills the process.
FOREVER = 10 ** 6

PY2 = sys.version_info[0] == 2
TEXT = unicode if PY2 else str  # noqa: F821 (Python 2 only)
INTEGERS = (int, long) if PY2 else (int,)  # noqa: F821 (Python 2 only)

#: The `-l` counts the tests dump with: 128 characters per value each.
COUNTS = (1, 2)

CO_VARARGS = 0x4
CO_VARKEYWORDS = 0x8


class Custom(object):
    """An ordinary instance: shown as `<Custom at 0xADDRESS>`."""


# ---------------------------------------------------------------------------------------------------------------
# swiftspy's formatting rules, restated over Python values
# ---------------------------------------------------------------------------------------------------------------

def atom(text, budget):
    return text if len(text) <= budget else "..."


def escape_char(char):
    code = ord(char)
    named = {0x5C: "\\\\", 0x22: "\\\"", 0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t"}
    if code in named:
        return named[code]
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return "\\x%02x" % code
    if 0xD800 <= code <= 0xDFFF:
        return "\\u%04x" % code
    return char


def escape_byte(code):
    named = {0x5C: "\\\\", 0x22: "\\\"", 0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t"}
    if code in named:
        return named[code]
    if 0x20 <= code < 0x7F:
        return chr(code) if not PY2 else unichr(code)  # noqa: F821 (Python 2 only)
    return "\\x%02x" % code


def quoted(pieces, budget, prefix=""):
    """All pieces in quotes if they fit, else the longest run of whole pieces that fits with `..."`."""
    frame = len(prefix) + 2
    if budget < frame + 3:
        return "..."
    if sum(len(piece) for piece in pieces) <= budget - frame:
        return prefix + '"' + "".join(pieces) + '"'
    room, body, used = budget - frame - 3, [], 0
    for piece in pieces:
        if used + len(piece) > room:
            break
        body.append(piece)
        used += len(piece)
    return prefix + '"' + "".join(body) + '..."'


def float_text(value, budget):
    """Rust's `Display` of an f64: shortest round-trip digits, never an exponent; else Rust's `{:e}` form."""
    if value != value:
        return atom("NaN", budget)
    if value in (float("inf"), float("-inf")):
        return atom("inf" if value > 0 else "-inf", budget)
    sign = "-" if math.copysign(1.0, value) < 0 else ""
    mantissa, _, exponent = repr(abs(value)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits, point = whole + fraction, len(whole) + (int(exponent) if exponent else 0)
    while digits.startswith("0"):
        digits, point = digits[1:], point - 1
    digits = digits.rstrip("0")
    if not digits:
        return atom(sign + "0", budget)
    if point <= 0:
        positional = "0." + "0" * -point + digits
    elif point >= len(digits):
        positional = digits + "0" * (point - len(digits))
    else:
        positional = digits[:point] + "." + digits[point:]
    if len(sign + positional) <= budget:
        return sign + positional
    short = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    return atom(sign + short + "e" + str(point - 1), budget)


def collection(open_, close, items, budget, show):
    """`open item, item, … close`; while more items follow, room for `, ...` is kept back."""
    if budget <= 5 or budget < len(open_) + len(close) + 3:
        return "..."
    remaining, out, count, truncated = budget - len(open_) - len(close), open_, 0, False
    for index, item in enumerate(items):
        separator = 2 if count else 0
        available = remaining - separator - (0 if index == len(items) - 1 else 5)
        text = show(item, available) if available > 5 else None
        if text is None:
            truncated = True
            break
        out += (", " if count else "") + text
        remaining -= separator + len(text)
        count += 1
    if truncated:
        out += ", ..." if count else "..."
    return out + close


def expected_repr(value, budget, ancestors=()):
    if budget <= 5:
        return "..."
    if isinstance(value, (list, tuple, dict, set, frozenset)) and id(value) in ancestors:
        return atom({list: "[...]", tuple: "(...)", dict: "{...}", set: "{...}",
                     frozenset: "frozenset({...})"}[type(value)], budget)
    inner = ancestors + (id(value),)

    def element(item, room):
        return expected_repr(item, room, inner)

    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, INTEGERS):
        decimal = str(value)
        return decimal if len(decimal) <= budget else atom("-bigint" if value < 0 else "+bigint", budget)
    if isinstance(value, float):
        return float_text(value, budget)
    if value is None:
        return "None"
    if isinstance(value, TEXT):
        return quoted([escape_char(char) for char in value], budget)
    if isinstance(value, bytes):
        if PY2:  # Python 2 `str`: shown as text decoded from UTF-8
            return quoted([escape_char(char) for char in value.decode("utf-8", "replace")], budget)
        return quoted([escape_byte(code) for code in bytearray(value)], budget, prefix="b")
    if isinstance(value, tuple):
        return collection("(", ",)" if len(value) == 1 else ")", list(value), budget, element)
    if isinstance(value, list):
        return collection("[", "]", value, budget, element)
    if isinstance(value, dict):
        def entry(pair, room):
            if room < 8:
                return None
            key = element(pair[0], room - 5)
            return key + ": " + element(pair[1], room - len(key) - 2)
        return collection("{", "}", list(value.items()), budget, entry)
    if isinstance(value, (set, frozenset)):
        name = "set" if isinstance(value, set) else "frozenset"
        if not value:
            return atom(name + "()", budget)
        outer = ("{", "}") if name == "set" else ("frozenset({", "})")
        return collection(outer[0], outer[1], list(value), budget, element)
    return atom("<%s at 0x%x>" % (type(value).__name__, id(value)), budget)


# ---------------------------------------------------------------------------------------------------------------
# What the interpreter itself says the frames hold
# ---------------------------------------------------------------------------------------------------------------

def frame_variables(frame, count):
    """The bound variables of `frame` in CPython's order, with the expected `dump --locals --json` fields."""
    code = frame.f_code
    values = dict(frame.f_locals)
    names = list(code.co_varnames)
    names += [name for name in code.co_cellvars if name not in names] + list(code.co_freevars)
    arguments = code.co_argcount + getattr(code, "co_kwonlyargcount", 0)
    arguments += (1 if code.co_flags & CO_VARARGS else 0) + (1 if code.co_flags & CO_VARKEYWORDS else 0)
    result = []
    for index, name in enumerate(names):
        if name not in values:
            continue  # unbound: not listed
        value = values[name]
        result.append({"name": name, "arg": index < arguments and name in code.co_varnames, "addr": id(value),
                       "repr": expected_repr(value, 128 * count)})
    return result


def report(parked_frame):
    owner = parked_frame.f_back
    expectations = {}
    for count in COUNTS:
        expectations[str(count)] = {
            "parked": frame_variables(parked_frame, count),
            "closure_owner": frame_variables(owner, count),
        }
    document = {"python_version": "%d.%d.%d" % sys.version_info[:3], "expected": expectations}
    sys.stdout.write(json.dumps(document, sort_keys=True) + "\n")
    sys.stdout.flush()


def closure_owner(seed):
    seed = seed + 1  # an argument held in a cell, then reassigned (2.7 keeps a stale copy in its own slot)
    captured = {"k": (1, 2), 3: [4]}  # a cell variable

    def parked(number, text, *rest, **options):
        big = 2 ** 100
        huge = 7 ** 500
        negative_huge = -(7 ** 500)
        negative = -42
        ratio = 3.0
        tiny = 1e-7
        vast = 1e300
        flag_true, flag_false, nothing = True, False, None
        greeting = "h\xe9llo w\xf6rld \u2713 \U0001F600 \"quoted\"\n\ttab\\"
        long_text = "\u6d4b\u8bd5" * 100
        raw = b"\x00ab\"\xc3\xa9"
        pair, single, empty_tuple = (1, "two"), (None,), ()
        items = [1, "two", 3.5, None, True, [], {}]
        numbers = set([3, 1, 2, 99])
        numbers.discard(99)  # leaves a deleted entry in the table
        frozen, empty_set = frozenset([5]), set()
        instance = Custom()
        long_list = list(range(100))
        nested = [[[[1]]]]
        self_ref = [1]
        self_ref.append(self_ref)
        from_closure = (seed, captured)  # free variables
        report(sys._getframe())
        time.sleep(FOREVER)  # PARK
        late = 1  # unbound while parked
        return late

    return parked(7, "t\xebxt", 1, 2, flag=True)


if __name__ == "__main__":
    closure_owner(10)
