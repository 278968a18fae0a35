# -*- coding: utf-8 -*-
"""The places where park_threads.py parks its threads, one shape of Python frame each.

Every blocking call is on a line marked with a PARK comment (all lines of a multi-line call carry it, because which
line CPython reports for such a call differs between versions). The reporter treats a thread as parked only when
its innermost frame is on such a line, so moving or unmarking a call breaks readiness loudly rather than silently.

Each parker calls `registry.arrive()` right before it blocks: that records the thread's native id, which the
reporter needs both for its report and to check that the thread really sits in a sleep system call.

Runs unchanged on Python 2.7 and 3.6+.
"""
import threading
import time

#: Long enough to outlive any test run; the harness kills the process.
FOREVER = 10 ** 6


def park_multi_line(registry):
    """A call spread over several lines: 2.7 reports the argument's line, 3.8+ the line where the call starts."""
    registry.arrive()
    time.sleep(  # PARK
        FOREVER  # PARK
    )  # PARK


class Worker(threading.Thread):
    """A `threading.Thread` subclass, so the thread's frames are methods (`run`, then `park`)."""

    def __init__(self, registry, name):
        threading.Thread.__init__(self, name=name)
        self.daemon = True
        self.registry = registry

    def run(self):
        self.park()

    def park(self):
        self.registry.arrive()
        time.sleep(FOREVER)  # PARK


def _sleepy_generator(registry):
    """A generator frame: on 3.11+ it lives inside the generator object, not on the thread's frame stack."""
    registry.arrive()
    time.sleep(FOREVER)  # PARK
    yield None


def park_in_generator(registry):
    for _ in _sleepy_generator(registry):
        pass


def park_in_comprehension(registry):
    """A list comprehension: its own `<listcomp>` frame on 3.0-3.11, inlined into this function on 2.7 and 3.12+."""
    registry.arrive()
    return [time.sleep(FOREVER) for _ in range(1)]  # PARK


def park_in_closure(registry):
    """A nested function reading a cell variable of its enclosing function."""
    duration = FOREVER

    def inner():
        registry.arrive()
        time.sleep(duration)  # PARK

    inner()
