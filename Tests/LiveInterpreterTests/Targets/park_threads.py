# -*- coding: utf-8 -*-
"""The live target of swiftspy's LiveInterpreterTests: park threads at known places, report, block until killed.

Run as `python -B park_threads.py`. Once every thread (the main thread included) is parked, a reporter thread
prints exactly one line of JSON on stdout -- CPython's own view of every stack, see reporter.py -- and the process
then blocks until it is killed. The harness compares that line with `swiftspy dump`.

Runs unchanged on Python 2.7 and 3.6+; Python-3-only syntax lives in py3_names.py.
"""
import sys
import threading

import long_body
import parkers
import reporter
from parkpkg.nested import through_c


def _native_str(text):
    """2.7's Thread.__init__ calls str() on the name, which rejects non-ASCII unicode: give it UTF-8 bytes."""
    if sys.version_info[0] < 3:
        return text.encode("utf-8")
    return text


def _thread_plan():
    """(name, parker) for each plain parked thread. The names cover ASCII, Latin-1, UCS-2 and astral characters."""
    plan = [
        (u"线程-2", parkers.park_in_generator),
        (u"compréhension", parkers.park_in_comprehension),
        (u"closure-🐍", parkers.park_in_closure),
        (u"long-body", long_body.park_after_long_body),
        (u"via-builtin", through_c.park_through_builtin),
    ]
    if sys.version_info[0] >= 3:
        import py3_names
        plan.extend(py3_names.THREADS)
    return plan


def main():
    plan = _thread_plan()
    registry = reporter.Registry(expected=len(plan) + 2)  # + the Worker below + the main thread
    threads = [parkers.Worker(registry, _native_str(u"Wörker-λ"))]
    for name, parker in plan:
        thread = threading.Thread(target=parker, args=(registry,), name=_native_str(name))
        thread.daemon = True
        threads.append(thread)
    for thread in threads:
        thread.start()
    registry.start_order = [threading.current_thread().ident] + [thread.ident for thread in threads]
    reporting = threading.Thread(target=reporter.report_when_parked, args=(registry,), name="reporter")
    reporting.daemon = True
    reporting.start()
    parkers.park_multi_line(registry)


if __name__ == "__main__":
    main()
