# -*- coding: utf-8 -*-
"""Readiness and the report: wait until every parked thread is really blocked, then print what CPython sees.

The target reports its own stacks because CPython's view (`sys._current_frames()`, `f_lineno`, `threading` names)
is the truth the harness holds `swiftspy dump` to. Nothing here sleeps to synchronise: the reporter polls a cheap
condition and gives up at a deadline.

A thread counts as parked when
  1. it has called `Registry.arrive()`, so its kernel thread id is known;
  2. its innermost frame is on a source line carrying a PARK comment (read back from the source with linecache);
  3. the kernel says it sits in a sleep system call (`/proc/self/task/<tid>/syscall`), not merely on the PARK
     line about to call `time.sleep`, and not waiting for the GIL (that would be a futex).
Without 3, a thread preempted between `arrive()` and the sleep would pass 2 yet still be running when swiftspy
samples it (and on 2.7 a multi-line call moves from its first line to its argument's line before the call).

Runs unchanged on Python 2.7 and 3.6+.
"""
import json
import linecache
import os
import platform
import sys
import threading
import time

try:
    from threading import get_ident  # 3.3+
except ImportError:
    from thread import get_ident  # 2.7

try:
    from threading import get_native_id  # 3.8+
except ImportError:
    get_native_id = None

#: gettid(2) on x86_64, for interpreters older than threading.get_native_id (3.8).
_SYS_GETTID = 186

#: select, nanosleep, clock_nanosleep and pselect6 on x86_64: what time.sleep ends up in across 2.7-3.13 and libcs.
_SLEEP_SYSCALLS = frozenset([23, 35, 230, 270])

#: How long the threads get to park before the target gives up and says so (generous: tests run in parallel).
_PARK_TIMEOUT_SECONDS = 30.0

#: Pause between two readiness checks; bounded polling, not a synchronisation delay.
_POLL_INTERVAL_SECONDS = 0.001

#: Long enough to outlive any test run; the harness kills the process.
FOREVER = 10 ** 6

_libc = []


def current_native_id():
    """The calling thread's kernel tid, which py-spy's JSON calls os_thread_id."""
    if get_native_id is not None:
        return get_native_id()
    if not _libc:
        import ctypes
        _libc.append(ctypes.CDLL(None))
    return _libc[0].syscall(_SYS_GETTID)


class Registry(object):
    """Which threads have reached their parking place, with their kernel thread ids."""

    def __init__(self, expected):
        #: Number of threads that will park, the main thread included.
        self.expected = expected
        #: threading ident (pthread_t) -> kernel tid. One dict store per thread: atomic under the GIL.
        self.native_ids = {}
        #: Idents in the order their threads were started, main thread first. CPython pushes each new thread state
        #: at the head of its list, so this fixes the order py-spy prints (text: oldest first; JSON: newest first).
        self.start_order = []

    def arrive(self):
        """Called by each parker right before its blocking call."""
        self.native_ids[get_ident()] = current_native_id()


def _on_park_line(frame):
    return "# PARK" in linecache.getline(frame.f_code.co_filename, frame.f_lineno)


def _in_sleep_syscall(native_id):
    try:
        with open("/proc/self/task/%d/syscall" % native_id) as status:
            first = status.read().split(" ", 1)[0]
    except (IOError, OSError):
        return True  # a kernel without this file: rely on the line check alone
    return first.isdigit() and int(first) in _SLEEP_SYSCALLS


def _unparked(registry, frames):
    """Idents (or a count) of threads not parked yet; empty when all are."""
    missing = registry.expected - len(registry.native_ids)
    if missing > 0:
        return ["%d thread(s) not arrived" % missing]
    waiting = []
    for ident, native_id in list(registry.native_ids.items()):
        frame = frames.get(ident)
        if frame is None or not _on_park_line(frame) or not _in_sleep_syscall(native_id):
            waiting.append(ident)
    return waiting


def _frames_of(frame):
    """Innermost first, like py-spy."""
    frames = []
    while frame is not None:
        code = frame.f_code
        frames.append({"name": code.co_name, "filename": code.co_filename, "line": frame.f_lineno})
        frame = frame.f_back
    return frames


def _report(registry, frames, reporter_ident, reporter_native_id):
    names = dict((thread.ident, thread.name) for thread in threading.enumerate())
    threads = []
    for ident, frame in sorted(frames.items()):
        if ident == reporter_ident:
            continue
        threads.append({
            "ident": ident,
            "name": names.get(ident),
            "native_id": registry.native_ids.get(ident),
            "frames": _frames_of(frame),
        })
    return {
        "pid": os.getpid(),
        "python_version": platform.python_version(),
        "executable": sys.executable,
        "reporter_ident": reporter_ident,
        "reporter_native_id": reporter_native_id,
        "start_order": registry.start_order,
        "threads": threads,
    }


def _emit(document):
    """One line of ASCII JSON (non-ASCII text is \\u-escaped), flushed at once: the harness reads exactly one line."""
    sys.stdout.write(json.dumps(document, sort_keys=True) + "\n")
    sys.stdout.flush()


def report_when_parked(registry):
    """Thread body: poll until every thread is parked, print the report, then block like the others."""
    reporter_ident = get_ident()
    reporter_native_id = current_native_id()
    deadline = time.time() + _PARK_TIMEOUT_SECONDS
    while True:
        frames = sys._current_frames()
        waiting = _unparked(registry, frames)
        if not waiting:
            break
        if time.time() > deadline:
            _emit({"error": "threads did not park within %.0f s: %r" % (_PARK_TIMEOUT_SECONDS, waiting)})
            os._exit(3)
        time.sleep(_POLL_INTERVAL_SECONDS)
    _emit(_report(registry, frames, reporter_ident, reporter_native_id))
    del frames
    # Stay put rather than exit, so the process holds no thread mid-teardown when swiftspy samples it.
    time.sleep(FOREVER)
