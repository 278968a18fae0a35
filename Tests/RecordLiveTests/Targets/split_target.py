# -*- coding: utf-8 -*-
"""The live target of swiftspy's RecordLiveTests: a known 75 % / 25 % split of time between two functions.

Usage: python -B split_target.py --report PATH [--exit-after SECONDS] [--main busy|sleep]

* `work_75` and `work_25` are pure-Python busy loops that run until a wall-clock deadline (time.time()), so the
  main thread always holds the GIL and is always runnable. The main thread alternates between them in short
  slices (7.5 ms / 2.5 ms on average, lengths drawn at random so no period can line up with anything) and keeps
  the *cumulative* wall time spent in each at exactly 3:1: an overrun in one slice (preemption on a busy machine,
  a long pause by the profiler) is paid back by the next choices, so the split over the whole run is exact to
  within one slice.
* A thread named "idle-sleeper" sleeps forever in `sleep_forever_idle` (time.sleep: idle by its kernel state), and
  one named "idle-waiter" waits forever on an Event in `wait_forever_idle` (idle by py-spy's heuristic as well:
  its innermost frame is `wait` in threading.py). swiftspy must drop both unless --idle; neither holds the GIL.
* `--main sleep` parks the main thread in `main_sleeps` instead, for attaching with --pid without burning CPU.
* Once every thread runs, the target writes a JSON report (pid, version, thread names, idents, kernel tids, and
  the `<module>` code's first line, which differs between versions) to PATH, atomically (write, then rename), so the harness can poll for it.
* `--exit-after S` makes the process exit by itself S seconds after the report; otherwise it runs until killed.

Marker comments (`# MARK: ...`) tag the lines the harness expects in the profile; it finds them by scanning this
file, so editing the file cannot silently break the expected line numbers. No function here is decorated, so a
function's `def` line is its first line (co_firstlineno). Runs unchanged on Python 2.7 and 3.6+.
"""
import json
import os
import platform
import random
import sys
import threading
import time

try:
    from threading import get_native_id  # 3.8+
except ImportError:
    get_native_id = None

try:
    from threading import get_ident  # 3.3+
except ImportError:
    from thread import get_ident  # 2.7

#: gettid(2) on x86_64, for interpreters older than threading.get_native_id (3.8).
_SYS_GETTID = 186
#: Mean length of a work_25 slice; work_75 slices are three times as long.
_QUARTER_SLICE = 0.0025
#: How long the threads get to start before the target gives up (generous: tests run in parallel).
_START_TIMEOUT_SECONDS = 30.0
# After the idle threads report in, the main thread gives them this long, holding no GIL, to reach their waits:
# a thread still on its way into time.sleep while the busy loop holds the GIL is really runnable, for as long as
# a loaded machine takes to hand the GIL over, and would be sampled as active on its sleep line.
_SETTLE_SECONDS = 0.05

_libc = []


def native_id():
    """The calling thread's kernel tid (what `record --threads` prints)."""
    if get_native_id is not None:
        return get_native_id()
    if not _libc:
        import ctypes
        _libc.append(ctypes.CDLL(None))
    return _libc[0].syscall(_SYS_GETTID)


def work_75(seconds):  # MARK: work_75 first line
    end = time.time() + seconds
    while time.time() < end: pass  # MARK: work_75 busy line


def work_25(seconds):  # MARK: work_25 first line
    end = time.time() + seconds
    while time.time() < end: pass  # MARK: work_25 busy line


def busy(stop_at):
    """Alternate between the two functions, keeping the cumulative wall time in them at exactly 3:1."""
    rng = random.Random()
    in_75 = 0.0
    in_25 = 0.0
    while stop_at is None or time.time() < stop_at:
        quarter = _QUARTER_SLICE * rng.uniform(0.5, 1.5)
        started = time.time()
        if in_75 <= 3.0 * in_25:
            work_75(3.0 * quarter)
            in_75 += time.time() - started
        else:
            work_25(quarter)
            in_25 += time.time() - started


def sleep_forever_idle(ready):
    ready.append((get_ident(), native_id()))
    while True:
        time.sleep(3600)  # MARK: idle sleeper line


def wait_forever_idle(ready):
    ready.append((get_ident(), native_id()))
    threading.Event().wait()  # MARK: idle waiter line


def main_sleeps(stop_at):
    while stop_at is None or time.time() < stop_at:
        time.sleep(0.05)  # MARK: main sleep line


def write_report(path, threads, module_first_line):
    report = {
        "pid": os.getpid(),
        "python_version": platform.python_version(),
        "module_first_line": module_first_line,
        "threads": threads,
    }
    temporary = path + ".tmp"
    with open(temporary, "w") as handle:
        handle.write(json.dumps(report))
    os.rename(temporary, path)


def main():
    arguments = sys.argv[1:]
    options = dict(zip(arguments[0::2], arguments[1::2]))
    report_path = options["--report"]
    exit_after = float(options["--exit-after"]) if "--exit-after" in options else None
    main_mode = options.get("--main", "busy")

    main_thread = threading.current_thread()
    threads = [{"name": main_thread.name, "role": "main", "ident": get_ident(), "native_id": native_id()}]
    for name, role, function in [("idle-sleeper", "sleeper", sleep_forever_idle),
                                 ("idle-waiter", "waiter", wait_forever_idle)]:
        ready = []
        thread = threading.Thread(target=function, args=(ready,), name=name)
        thread.daemon = True
        thread.start()
        deadline = time.time() + _START_TIMEOUT_SECONDS
        while not ready:
            if time.time() > deadline:
                raise SystemExit("thread %s did not start" % name)
            time.sleep(0.001)
        threads.append({"name": name, "role": role, "ident": ready[0][0], "native_id": ready[0][1]})
    # The <module> frame's first line (what --function labels it with) differs between versions.
    time.sleep(_SETTLE_SECONDS)
    write_report(report_path, threads, sys._getframe(1).f_code.co_firstlineno)
    stop_at = None if exit_after is None else time.time() + exit_after
    if main_mode == "sleep":
        main_sleeps(stop_at)
    else:
        busy(stop_at)


if __name__ == "__main__":
    main()
