#!/usr/bin/env python3
"""Benchmark swiftspy against py-spy 0.4.1 and Austin 3.7 on the same workloads, in the same run.

    python3 bench/run.py                 # full run, about 10 minutes per interpreter
    python3 bench/run.py --quick         # every measurement small: a smoke check, about 2 minutes
    python3 bench/run.py --help          # all options

What it does, in order:
  1. installs py-spy 0.4.1 and Austin 3.7 (the `austin-dist` wheel, which ships the `austin` binary) into
     bench/.venv, unless that environment already has exactly those versions;
  2. builds swiftspy with `swift build -c release --static-swift-stdlib` in the repository root (a static Swift
     runtime starts about 2.5 ms sooner, which matters for `dump`) (skip with --swiftspy PATH or --no-build);
  3. runs the workloads in bench/workloads/ under each profiler and prints one markdown table per measurement,
     with each tool's number and the ratio swiftspy / peer; every raw number goes to bench/results.json.

Python 3 standard library only. Every process it starts is killed when it ends (also on Ctrl-C), and targets are
started with PR_SET_PDEATHSIG so that they die with the harness even if it is killed outright.
"""

import argparse
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

_BENCH = os.path.dirname(os.path.abspath(__file__))
if _BENCH not in sys.path:
    sys.path.insert(0, _BENCH)  # benchlib sits next to this file: importable from any current directory

from benchlib.measure_accuracy import measure_accuracy
from benchlib.measure_cost import measure_cost
from benchlib.measure_dump import measure_dump
from benchlib.measure_memory import measure_memory
from benchlib.measure_rate import measure_rate
from benchlib.measure_slowdown import measure_slowdown
from benchlib.processes import cleanup, log
from benchlib.settings import FULL, HERE, MEASUREMENTS, QUICK, TOOL_KEYS
from benchlib.tables import render
from benchlib.tools import Austin, PySpy, SwiftSpy, setup_swiftspy, setup_venv


# ---------------------------------------------------------------------------------------------------------------

class Context:
    def __init__(self, python, tools, settings, tmp, done):
        self.python, self.tools, self.s, self.tmp = python, tools, settings, tmp
        self.done = done  # measurements already made for this interpreter

    def begin(self, name, out):
        """Register a measurement's result dict before it is filled, so an interrupted run keeps what it has."""
        self.done[name] = out
        return out

    def guard(self, tool, fn):
        """Run one tool's measurement; any failure becomes a recorded error, not a crash."""
        if not tool.available:
            return {"error": tool.error}
        try:
            return fn()
        except KeyboardInterrupt:
            raise
        except Exception as e:
            return {"error": "%s: %s" % (type(e).__name__, e)}

    def progress(self, what, key, tool, r, field, fmt):
        if "error" in r:
            msg = "FAILED " + str(r["error"])[:140]
        elif "na" in r:
            msg = "n/a"
        elif r.get(field) is not None:
            msg = fmt % r[field]
        else:
            msg = "-"
        log("  %-8s %-16s %-9s %s" % (what, key, tool.key, msg))


def pyenv_root():
    try:
        r = subprocess.run(["pyenv", "root"], capture_output=True, text=True, timeout=20)
        if r.returncode == 0 and r.stdout.strip():
            return r.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")


def find_pythons(args):
    root = pyenv_root()
    if args.python:
        return [p for p in args.python]
    if not args.all_pythons:
        return [os.path.join(root, "versions", "3.12.1", "bin", "python")]
    best = {}
    vdir = os.path.join(root, "versions")
    for name in sorted(os.listdir(vdir)) if os.path.isdir(vdir) else []:
        m = re.fullmatch(r"3\.(\d+)\.(\d+)", name)
        if m and int(m.group(1)) >= 11 and os.path.exists(os.path.join(vdir, name, "bin", "python")):
            minor, patch = int(m.group(1)), int(m.group(2))
            if minor not in best or patch > best[minor][0]:
                best[minor] = (patch, os.path.join(vdir, name, "bin", "python"))
    missing = [m for m in (11, 12) if m not in best]
    if missing:
        log("warning: --all-pythons found no 3.%s under %s" % (", 3.".join(map(str, missing)), vdir))
    return [best[k][1] for k in sorted(best)]


def interpreter_version(python):
    try:
        r = subprocess.run([python, "-c", "import sys; print(sys.version.split()[0])"], capture_output=True, text=True, timeout=30)
        return r.stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="everything small (a few seconds each): a smoke check")
    ap.add_argument("--python", action="append", metavar="PATH",
                    help="interpreter to run the workloads (repeatable; default $(pyenv root)/versions/3.12.1/bin/python)")
    ap.add_argument("--all-pythons", action="store_true", help="the newest 3.11, 3.12, 3.13… found under $(pyenv root)")
    ap.add_argument("--swiftspy", metavar="PATH", help="swiftspy binary to use (no build)")
    ap.add_argument("--no-build", action="store_true", help="use .build/release/swiftspy as it is")
    ap.add_argument("--only", metavar="LIST", help="comma-separated subset of: " + ",".join(MEASUREMENTS))
    ap.add_argument("--tools", metavar="LIST", default=",".join(TOOL_KEYS), help="comma-separated subset of: " + ",".join(TOOL_KEYS))
    ap.add_argument("--output", metavar="PATH", default=os.path.join(HERE, "results.json"), help="JSON results (default bench/results.json)")
    ap.add_argument("--report", metavar="JSON", help="print the tables of an earlier results file, measure nothing")
    args = ap.parse_args()

    if args.report:
        with open(args.report) as f:
            results = json.load(f)
        print(render(results, tools_from_results(results)))
        print_footer(results, args.report)
        return 0

    only = MEASUREMENTS if not args.only else [m.strip() for m in args.only.split(",")]
    bad = [m for m in only if m not in MEASUREMENTS]
    if bad:
        ap.error("unknown measurement(s): %s" % ", ".join(bad))
    wanted = [t.strip() for t in args.tools.split(",")]
    if [t for t in wanted if t not in TOOL_KEYS]:
        ap.error("--tools takes: %s" % ", ".join(TOOL_KEYS))
    settings = dict(QUICK if args.quick else FULL)

    def on_signal(signum, frame):
        raise KeyboardInterrupt()
    signal.signal(signal.SIGTERM, on_signal)

    tmp = tempfile.mkdtemp(prefix="swiftspy-bench-")
    started = time.time()
    results = {"mode": "quick" if args.quick else "full", "settings": settings, "pythons": {}}
    tools = []
    try:
        swift, build_note = setup_swiftspy(args) if "swiftspy" in wanted else (None, None)
        peers = setup_venv() if any(t in wanted for t in ("py-spy", "austin")) else []
        tools = [t for t in [swift] + peers if t is not None and t.key in wanted]
        for t in tools:
            log("%-9s %s%s" % (t.key, t.path, "" if t.available else "  UNAVAILABLE: " + t.error))
        pythons = find_pythons(args)
        results["meta"] = {
            "started": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(started)),
            "host": platform.node(), "kernel": platform.release(), "cpus": os.cpu_count(),
            "loadavg_at_start": os.getloadavg(),
            "harness_python": sys.version.split()[0],
            "swiftspy_build": build_note or "ok",
            "tools": {t.key: {"path": t.path, "version": t.version, "error": t.error} for t in tools},
            "commands": {
                "swiftspy record": "swiftspy record --pid PID --rate R --duration S --format raw --output F [--nonblocking] [--idle]",
                "py-spy record": "py-spy record --pid PID --rate R --duration S --format raw --output F [--nonblocking] [--idle]  (stopped with SIGINT S seconds after its start line)",
                "austin record": "austin --interval Nus --pid PID --output F [--exposure S]",
                "swiftspy dump": "swiftspy dump --pid PID",
                "py-spy dump": "py-spy dump --pid PID",
                "austin where": "austin --where PID",
            },
        }
        measure = {"rate": measure_rate, "cost": measure_cost, "slowdown": measure_slowdown,
                   "dump": measure_dump, "memory": measure_memory, "accuracy": measure_accuracy}
        for python in pythons:
            version = interpreter_version(python)
            label = version or python
            log("== Python %s (%s)" % (label, python))
            entry = results["pythons"].setdefault(label, {"interpreter": python})
            if version is None:
                entry["error"] = "cannot run %s" % python
                continue
            ctx = Context(python, tools, settings, tmp, entry)
            for m in only:
                log("-- %s" % m)
                t0 = time.monotonic()
                measure[m](ctx)  # fills entry[m] as it goes
                entry[m]["elapsed_s"] = round(time.monotonic() - t0, 1)
                entry[m]["loadavg_after"] = os.getloadavg()
                cleanup()  # nothing of one measurement outlives it
    except KeyboardInterrupt:
        log("interrupted: writing what was measured")
        results["interrupted"] = True
    finally:
        cleanup()
        shutil.rmtree(tmp, ignore_errors=True)
        results.setdefault("meta", {})["loadavg_at_end"] = os.getloadavg()
        results["meta"]["elapsed_s"] = round(time.time() - started, 1)
        try:
            with open(args.output, "w") as f:
                json.dump(results, f, indent=1, default=str)
        except OSError as e:
            log("cannot write %s: %s" % (args.output, e))
    print(render(results, tools))
    print_footer(results, args.output)
    return 130 if results.get("interrupted") else 0


def tools_from_results(results):
    """Tool objects for the table headings of a results file made earlier."""
    tools = []
    for key, info in ((results.get("meta") or {}).get("tools") or {}).items():
        cls = {"swiftspy": SwiftSpy, "py-spy": PySpy, "austin": Austin}[key]
        t = cls(info.get("path"), info.get("version"), info.get("error"))
        if key == "austin" and (info.get("version") or "").startswith("austin"):
            t.label = "Austin " + info["version"].split()[-1]
        tools.append(t)
    return tools


def print_footer(results, path):
    meta = results.get("meta") or {}
    print("Raw numbers: %s. Load average at start %s, at end %s; %s mode, %.0f s." % (
        os.path.relpath(path), "/".join("%.1f" % x for x in meta.get("loadavg_at_start", ())),
        "/".join("%.1f" % x for x in meta.get("loadavg_at_end", ())), results.get("mode"), meta.get("elapsed_s", 0)))


if __name__ == "__main__":
    sys.exit(main())
