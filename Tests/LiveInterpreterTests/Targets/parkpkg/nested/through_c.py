# -*- coding: utf-8 -*-
"""A Python frame entered from C: `map` (a builtin) calls back into Python.

On 3.11+ that starts a new evaluation loop, so the thread's frame chain holds an entry frame in the middle (and on
3.12+ a C-stack-owned shim frame, which CPython's own `f_back` skips). It also lives two packages deep, so its
short filename is `parkpkg/nested/through_c.py`. Runs unchanged on Python 2.7 and 3.6+.
"""
import time

#: Long enough to outlive any test run; the harness kills the process.
FOREVER = 10 ** 6


def _park_from_builtin(registry):
    registry.arrive()
    time.sleep(FOREVER)  # PARK


def park_through_builtin(registry):
    return list(map(_park_from_builtin, [registry]))
