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
import ctypes
import json
import math
import os
import platform
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
WORKLOADS = os.path.join(HERE, "workloads")
VENV = os.path.join(HERE, ".venv")
PYSPY_VERSION = "0.4.1"
AUSTIN_DIST_VERSION = "3.7.0"  # austin-dist 3.7.0 ships the austin 3.7.0 binary (4.0.0 ships Austin 4)
MAX_RATE = 1_000_000  # "as fast as you can" for the tools that take a rate
TICK = os.sysconf("SC_CLK_TCK")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

# ---------------------------------------------------------------------------------------------------------------
# Settings for the two modes. Durations are whole seconds (py-spy and Austin only take whole seconds).

FULL = dict(
    rate_seconds=10,          # each highest-rate recording
    cost_seconds=10,          # each 1 kHz recording for the cost of one sample
    slowdown_seconds=2.0,     # unprofiled wall time of the fixed work
    slowdown_reps=3,
    dump_runs=20,
    memory_seconds=60,
    accuracy_seconds=20,      # at 100 Hz: ~2000 samples
    accuracy_max_seconds=5,   # at the highest rate
)
QUICK = dict(
    rate_seconds=2,
    cost_seconds=2,
    slowdown_seconds=0.5,
    slowdown_reps=2,
    dump_runs=5,
    memory_seconds=10,
    accuracy_seconds=3,
    accuracy_max_seconds=2,
)
MEMORY_REFERENCE_SECONDS = 60
MEASUREMENTS = ["rate", "cost", "slowdown", "dump", "memory", "accuracy"]
TOOL_KEYS = ["swiftspy", "py-spy", "austin"]


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------------------------
# Process management: everything spawned is registered, and cleanup() ends whatever is still running.

_children = []
_children_lock = threading.Lock()
try:
    _libc = ctypes.CDLL(None, use_errno=True)
except OSError:  # pragma: no cover
    _libc = None


def _die_with_parent():
    # PR_SET_PDEATHSIG = 1: the kernel sends SIGKILL to this child when the harness goes away.
    if _libc is not None:
        _libc.prctl(1, signal.SIGKILL, 0, 0, 0)


def spawn(argv, **kw):
    kw.setdefault("stdin", subprocess.DEVNULL)
    p = subprocess.Popen(argv, preexec_fn=_die_with_parent, **kw)
    with _children_lock:
        _children.append(p)
    return p


def _alive(p):
    if p.returncode is not None:
        return False
    try:
        pid, status = os.waitpid(p.pid, os.WNOHANG)
    except ChildProcessError:
        return False
    if pid == 0:
        return True
    p.returncode = os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else status
    return False


def cleanup():
    with _children_lock:
        procs = list(_children)
        _children.clear()
    for p in procs:
        if _alive(p):
            try:
                p.kill()
            except ProcessLookupError:
                pass
    for p in procs:
        try:
            if _alive(p):
                os.waitpid(p.pid, 0)
        except ChildProcessError:
            pass


def proc_cpu_seconds(pid):
    """utime + stime of a live process (all its threads), from /proc/PID/stat; None once it is gone."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            data = f.read()
    except OSError:
        return None
    fields = data[data.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def proc_memory_kb(pid):
    """(VmRSS, VmHWM) in kB from /proc/PID/status; None once it is gone."""
    try:
        with open("/proc/%d/status" % pid) as f:
            rss = hwm = None
            for line in f:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
                elif line.startswith("VmHWM:"):
                    hwm = int(line.split()[1])
            return rss, hwm
    except (OSError, ValueError, IndexError):
        return None


class Monitored:
    """A profiler process: output collected by reader threads, a start marker spotted in its output, CPU and
    memory polled from /proc while it runs, and the exact rusage of the process from wait4 when it ends."""

    def __init__(self, argv, marker=None, cwd=None):
        self.argv = argv
        self.marker = re.compile(marker) if marker else None
        self.out_lines, self.err_lines = [], []
        self.t_start = time.monotonic()
        self.t_marker = None
        self.t_exit = None
        self.marker_event = threading.Event()
        self.cpu_samples = []   # (t since start, cpu seconds)
        self.mem_samples = []   # (t since start, rss kB, hwm kB)
        self.rusage = None
        self.returncode = None
        self.signals_sent = []
        self.spawn_error = None
        # ru_maxrss of a child counts the memory of the process it was forked from (Linux folds the pre-exec mm
        # into it), i.e. this harness: it only says something about the profiler when it is above our own peak.
        mem = proc_memory_kb(os.getpid())
        self.parent_hwm_kb = mem[1] if mem and mem[1] else 0
        try:
            self.p = spawn(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd)
        except OSError as e:
            self.p = None
            self.spawn_error = "cannot start %s: %s" % (argv[0], e)
            self.t_exit = time.monotonic()
            return
        self.readers = [threading.Thread(target=self._read, args=(self.p.stdout, self.out_lines), daemon=True),
                        threading.Thread(target=self._read, args=(self.p.stderr, self.err_lines), daemon=True)]
        for r in self.readers:
            r.start()

    def _read(self, stream, sink):
        for raw in iter(stream.readline, b""):
            line = ANSI.sub("", raw.decode("utf-8", "replace")).rstrip("\n")
            sink.append(line)
            if self.marker is not None and self.t_marker is None and self.marker.search(line):
                self.t_marker = time.monotonic()
                self.marker_event.set()
        stream.close()

    @property
    def running(self):
        return self.p is not None and self.rusage is None and self.t_exit is None

    def poll(self):
        """One tick: reap if it exited, else record CPU and memory. Returns True while it runs."""
        if not self.running:
            return False
        try:
            pid, status, ru = os.wait4(self.p.pid, os.WNOHANG)
        except ChildProcessError:  # reaped elsewhere (cleanup): no rusage to be had
            self.t_exit = time.monotonic()
            self.rusage = False
            self.returncode = self.p.returncode
            return False
        if pid != 0:
            self._reaped(status, ru)
            return False
        now = time.monotonic() - self.t_start
        cpu = proc_cpu_seconds(self.p.pid)
        if cpu is not None:
            self.cpu_samples.append((now, cpu))
        mem = proc_memory_kb(self.p.pid)
        if mem is not None and mem[0] is not None:
            self.mem_samples.append((now, mem[0], mem[1]))
        return True

    def _reaped(self, status, ru):
        self.t_exit = time.monotonic()
        self.rusage = ru
        self.returncode = os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else status
        self.p.returncode = self.returncode
        for r in self.readers:
            r.join(timeout=5)

    def wait_marker(self, timeout, interval=0.05):
        """Wait until the start marker shows (True), the process ends, or timeout passes."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.t_marker is not None:
                return True
            if not self.poll():
                return self.t_marker is not None
            self.marker_event.wait(interval)
        return self.t_marker is not None

    def signal(self, sig):
        if self.running:
            try:
                self.p.send_signal(sig)
                self.signals_sent.append((round(time.monotonic() - self.t_start, 3), signal.Signals(sig).name))
            except ProcessLookupError:
                pass

    def finish(self, stop_at=None, timeout=60.0, interval=0.1):
        """Poll until the process exits. stop_at: monotonic time at which to send SIGINT (a clean stop: every
        tool writes its output on SIGINT). After timeout seconds more it is ended forcefully."""
        deadline = time.monotonic() + timeout
        sent_int = False
        while self.poll():
            now = time.monotonic()
            if stop_at is not None and not sent_int and now >= stop_at:
                self.signal(signal.SIGINT)
                sent_int = True
                deadline = min(deadline, now + 30)
            if now >= deadline:
                self.signal(signal.SIGINT)
                time.sleep(3)
                if self.poll():
                    self.signal(signal.SIGKILL)
                    time.sleep(0.2)
                while self.poll():
                    time.sleep(0.05)
                break
            time.sleep(interval)
        return self

    def kill(self):
        if self.running:
            self.signal(signal.SIGKILL)
            while self.poll():
                time.sleep(0.02)

    # -- results
    @property
    def cpu_seconds(self):
        return None if not self.rusage else self.rusage.ru_utime + self.rusage.ru_stime

    @property
    def maxrss_kb(self):
        return None if not self.rusage else self.rusage.ru_maxrss

    @property
    def peak_rss_kb(self):
        """The profiler's own peak RSS: VmHWM as last polled (every 0.1 s while it runs), raised to wait4's
        ru_maxrss only where that is above the harness's own peak and so cannot be the harness's."""
        polled = max([h for _, _, h in self.mem_samples if h] or [0])
        own = self.maxrss_kb if self.maxrss_kb and self.maxrss_kb > self.parent_hwm_kb + 1024 else 0
        return max(polled, own) or None

    def text(self):
        return "\n".join(self.out_lines + self.err_lines)

    def failure_text(self):
        if self.spawn_error:
            return self.spawn_error
        prefix = ""
        if any(name == "SIGKILL" for _, name in self.signals_sent):
            prefix = "did not stop (SIGINT sent at %s s), killed; " % next(
                (t for t, name in self.signals_sent if name == "SIGINT"), "?")
        lines = [l.strip() for l in self.err_lines + self.out_lines if l.strip()]
        lines = [l for l in lines if not re.match(r"^[\s_/\\|()`',.-]*$", l)]  # drop ASCII-art banners
        interesting = [l for l in lines if re.search(r"error|fail|cannot|can't|unable|not |denied|panic|invalid|unsupported", l, re.I)]
        chosen = interesting[-3:] if interesting else lines[-3:]
        return prefix + ("exit %s: " % self.returncode) + " / ".join(chosen)

    def raw(self):
        return {
            "argv": self.argv,
            "returncode": self.returncode,
            "wall_s": None if self.t_exit is None else round(self.t_exit - self.t_start, 4),
            "marker_after_s": None if self.t_marker is None else round(self.t_marker - self.t_start, 4),
            "cpu_s": self.cpu_seconds,
            "utime_s": self.rusage.ru_utime if self.rusage else None,
            "stime_s": self.rusage.ru_stime if self.rusage else None,
            "ru_maxrss_kb": self.maxrss_kb,
            "harness_vmhwm_kb_at_spawn": self.parent_hwm_kb,
            "peak_rss_kb": self.peak_rss_kb,
            "signals": self.signals_sent,
            "stdout_tail": self.out_lines[-5:],
            "stderr_tail": [l for l in self.err_lines if l.strip()][-8:],
        }

    def steady_cpu_fraction(self, t0, t1):
        """CPU seconds per wall second between two times (relative to start), from the /proc polls."""
        pts = [(t, c) for t, c in self.cpu_samples if t0 <= t <= t1]
        if len(pts) < 2 or pts[-1][0] - pts[0][0] < 0.3:
            return None
        return (pts[-1][1] - pts[0][1]) / (pts[-1][0] - pts[0][0])


class Target:
    """A workload process. It prints `READY {json}` when set up; later lines are kept in a queue."""

    def __init__(self, python, script, args=(), stdin_pipe=False):
        self.argv = [python, os.path.join(WORKLOADS, script)] + [str(a) for a in args]
        self.lines = queue.Queue()
        self.err = tempfile.TemporaryFile()
        self.p = spawn(self.argv, stdout=subprocess.PIPE, stderr=self.err,
                       stdin=subprocess.PIPE if stdin_pipe else subprocess.DEVNULL)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.info = None

    def _read(self):
        for raw in iter(self.p.stdout.readline, b""):
            self.lines.put(raw.decode("utf-8", "replace").rstrip("\n"))
        self.lines.put(None)

    @property
    def pid(self):
        return self.p.pid

    def stderr_tail(self):
        try:
            self.err.seek(0)
            data = self.err.read().decode("utf-8", "replace").strip().splitlines()
            return " / ".join(data[-3:])
        except (OSError, ValueError):
            return ""

    def wait_line(self, prefix, timeout):
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise RuntimeError("workload %s: no %r line within %.0f s" % (os.path.basename(self.argv[1]), prefix, timeout))
            try:
                line = self.lines.get(timeout=min(left, 0.5))
            except queue.Empty:
                continue
            if line is None:
                self.lines.put(None)
                raise RuntimeError("workload %s exited (%s) before %r: %s" % (
                    os.path.basename(self.argv[1]), self.p.poll(), prefix, self.stderr_tail()))
            if line.startswith(prefix):
                return line[len(prefix):].strip()

    def wait_ready(self, timeout=60):
        self.info = json.loads(self.wait_line("READY", timeout))
        return self.info

    def send(self, text):
        self.p.stdin.write(text.encode())
        self.p.stdin.flush()

    def signal(self, sig):
        if self.p.poll() is None:
            self.p.send_signal(sig)

    def alive(self):
        return self.p.poll() is None

    def stop(self):
        if self.p.poll() is None:
            self.p.kill()
        try:
            self.p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        for s in (self.p.stdin, self.p.stdout):
            try:
                if s:
                    s.close()
            except OSError:
                pass
        self.err.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


# ---------------------------------------------------------------------------------------------------------------
# Profiles: a list of (frames root..leaf, function names root..leaf, weight) per recorded thread-stack.

class Profile:
    def __init__(self):
        self.stacks = []        # (function names root->leaf, count, metric)
        self.count = 0          # thread-stacks recorded
        self.metric_total = 0
        self.max_depth = 0
        self.distinct = 0
        self.meta = {}

    def add(self, funcs, count, metric=None):
        self.stacks.append((funcs, count, metric))
        self.count += count
        if metric is not None:
            self.metric_total += metric
        self.max_depth = max(self.max_depth, len(funcs))


def parse_collapsed(path):
    """swiftspy / py-spy `-f raw`: `frame;frame;…;leaf COUNT`, a frame being `name (file:line)`."""
    prof = Profile()
    seen = set()
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            stack, _, count = line.rpartition(" ")
            try:
                n = int(count)
            except ValueError:
                continue
            frames = stack.split(";") if stack else []
            funcs = [fr.split(" (", 1)[0] for fr in frames]
            seen.add(stack)
            prof.add(funcs, n)
    prof.distinct = len(seen)
    return prof


def parse_austin(path):
    """Austin 3 collapsed samples: one line per thread per sample,
    `P<pid>;T<iid>:<tid>[;file:function:line]* METRIC`; in wall-time mode METRIC is the time (µs) the sample stands
    for. Header and footer lines start with `#` (the footer has `# duration: µs`)."""
    prof = Profile()
    seen = set()
    cache = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                m = re.match(r"#\s*([\w ]+):\s*(.*)", line)
                if m:
                    prof.meta[m.group(1).strip()] = m.group(2).strip()
                continue
            if not line.startswith("P"):
                continue
            stack, _, metric = line.rpartition(" ")
            try:
                w = int(metric.split(",")[0])
            except ValueError:
                stack, w = line, 0
            key = stack[stack.find(";", stack.find(";") + 1) + 1:] if stack.count(";") >= 2 else ""
            funcs = cache.get(key)  # one line per sample: the same stacks come back over and over
            if funcs is None:
                funcs = []
                for fr in key.split(";") if key else []:
                    bits = fr.rsplit(":", 2)
                    funcs.append(bits[1] if len(bits) == 3 else fr)
                cache[key] = funcs
            seen.add(key)
            prof.add(funcs, 1, w)
    prof.distinct = len(seen)
    return prof


# ---------------------------------------------------------------------------------------------------------------
# The tools.

class Tool:
    key = label = ""
    marker = None
    supports_pausing = True

    def __init__(self, path, version=None, error=None):
        self.path, self.version, self.error = path, version, error

    @property
    def available(self):
        return self.error is None

    def rate_arg(self, rate):
        return MAX_RATE if rate == "max" else int(rate)


class SwiftSpy(Tool):
    key, label = "swiftspy", "swiftspy"
    marker = r"^Sampling process"

    def record_argv(self, pid, out, rate, duration, nonblocking, idle=False):
        argv = [self.path, "record", "--pid", str(pid), "--rate", str(self.rate_arg(rate)),
                "--duration", str(int(duration)), "--format", "raw", "--output", out]
        if nonblocking:
            argv.append("--nonblocking")
        if idle:
            argv.append("--idle")
        return argv

    def parse(self, out):
        return parse_collapsed(out)

    def dump_argv(self, pid):
        return [self.path, "dump", "--pid", str(pid)]

    def reported(self, mon):
        m = re.search(r"Samples: (\d+) Errors: (\d+)", mon.text())
        return {"samples": int(m.group(1)), "errors": int(m.group(2))} if m else {}


class PySpy(SwiftSpy):
    key, label = "py-spy", "py-spy " + PYSPY_VERSION
    marker = r"Sampling process"


class Austin(Tool):
    key, label = "austin", "Austin"
    marker = r"Python version"  # printed once attached
    supports_pausing = False

    def interval_us(self, rate):
        return 1 if rate == "max" else max(1, int(round(1e6 / float(rate))))

    def record_argv(self, pid, out, rate, duration, nonblocking=True, idle=True):
        argv = [self.path, "--interval", "%dus" % self.interval_us(rate), "--pid", str(pid), "--output", out]
        if duration is not None:
            argv += ["--exposure", str(int(duration))]
        return argv

    def parse(self, out):
        return parse_austin(out)

    def dump_argv(self, pid):
        return [self.path, "--where", str(pid)]

    def reported(self, mon):
        m = re.search(r"Error rate\s*:\s*(\d+)/(\d+)", mon.text())
        return {"errors": int(m.group(1)), "samples": int(m.group(2))} if m else {}


def tool_version(path, args=("--version",)):
    try:
        r = subprocess.run([path] + list(args), capture_output=True, text=True, timeout=30)
        return (r.stdout + r.stderr).strip()
    except (OSError, subprocess.SubprocessError) as e:
        return "error: %s" % e


def setup_venv():
    """bench/.venv with py-spy==0.4.1 and austin-dist==3.7.0 (which carries the austin 3.7.0 binary)."""
    pyspy, austin = os.path.join(VENV, "bin", "py-spy"), os.path.join(VENV, "bin", "austin")
    ok = (os.path.exists(pyspy) and tool_version(pyspy) == "py-spy " + PYSPY_VERSION and
          os.path.exists(austin) and tool_version(austin).startswith("austin 3.7"))
    log_lines = []
    if not ok:
        log("setting up %s with py-spy==%s austin-dist==%s" % (VENV, PYSPY_VERSION, AUSTIN_DIST_VERSION))
        steps = []
        if not os.path.exists(os.path.join(VENV, "bin", "python")):
            steps.append([sys.executable, "-m", "venv", VENV])
        steps.append([os.path.join(VENV, "bin", "python"), "-m", "pip", "install", "--quiet",
                      "py-spy==" + PYSPY_VERSION, "austin-dist==" + AUSTIN_DIST_VERSION])
        for cmd in steps:
            r = subprocess.run(cmd, capture_output=True, text=True)
            log_lines.append("$ %s -> %d\n%s%s" % (" ".join(cmd), r.returncode, r.stdout[-2000:], r.stderr[-2000:]))
            if r.returncode != 0:
                break
    tools = []
    v = tool_version(pyspy) if os.path.exists(pyspy) else None
    tools.append(PySpy(pyspy, v, None if v == "py-spy " + PYSPY_VERSION else
                       "py-spy %s not installed in bench/.venv: %s" % (PYSPY_VERSION, (v or "") + " ".join(log_lines)[-300:])))
    v = tool_version(austin) if os.path.exists(austin) else None
    tools.append(Austin(austin, v, None if v and v.startswith("austin 3.7") else
                        "austin 3.7 not installed in bench/.venv: %s" % ((v or "") + " ".join(log_lines)[-300:])))
    tools[1].label = "Austin " + (v.split()[-1] if v and v.startswith("austin") else "3.7")
    return tools


def setup_swiftspy(args):
    path = args.swiftspy or os.path.join(REPO, ".build", "release", "swiftspy")
    note = None
    if not args.swiftspy and not args.no_build:
        log("building swiftspy: swift build -c release --static-swift-stdlib (in %s)" % REPO)
        t = time.monotonic()
        try:
            r = subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib"], cwd=REPO,
                               capture_output=True, text=True)
            lines = (r.stdout + r.stderr).strip().splitlines()
            errs = [l.strip() for l in lines if "error:" in l]
            ok, tail = r.returncode == 0, (errs[:3] if errs else lines[-4:])
        except OSError as e:
            ok, tail = False, [str(e)]
        log("  build %s in %.0f s" % ("ok" if ok else "FAILED", time.monotonic() - t))
        if not ok:
            note = "swift build -c release --static-swift-stdlib failed: " + " / ".join(tail)
            log("  " + note)
            if os.path.exists(path):
                note += " -- using the existing (possibly stale) binary"
                log("  using the existing binary %s" % path)
    if not os.path.exists(path):
        return SwiftSpy(path, None, note or "no swiftspy binary at %s" % path), note
    return SwiftSpy(path, tool_version(path)), note


# ---------------------------------------------------------------------------------------------------------------
# One recording: attach `tool` to a running target, sample, stop cleanly, parse.

def record(tool, target, tmpdir, rate, seconds, nonblocking, idle=False, on_start=None):
    """Returns a dict; 'error' is set if the tool failed. Sampling time is counted from the tool's own start
    line (printed once attached), so attach time is not held against anyone."""
    out = os.path.join(tmpdir, "%s-%d-%s.txt" % (tool.key, target.pid, time.monotonic_ns()))
    argv = tool.record_argv(target.pid, out, rate, seconds, nonblocking, idle)
    res = {"rate_requested": rate, "seconds": seconds, "nonblocking": nonblocking}
    mon = Monitored(argv, marker=tool.marker)
    try:
        if not mon.wait_marker(timeout=30):
            mon.finish(timeout=5)
            res["error"] = "did not start: " + mon.failure_text()
            res["process"] = mon.raw()
            return res, None, mon
        if on_start:
            on_start()
        # py-spy's --duration is a sample count (duration x rate), so at a rate it cannot keep up with it would run
        # far longer than asked: stop it with SIGINT after `seconds`. The others stop themselves; SIGINT late is a
        # safety net only.
        grace = 0.0 if tool.key == "py-spy" else 3.0
        mon.finish(stop_at=mon.t_marker + seconds + grace, timeout=seconds + 60)
    finally:
        if mon.running:
            mon.kill()
    res["process"] = mon.raw()
    res["reported"] = tool.reported(mon)
    if not os.path.exists(out) or os.path.getsize(out) == 0:
        res["error"] = "no output: " + mon.failure_text()
        return res, None, mon
    try:
        prof = tool.parse(out)
    except Exception as e:  # a malformed file is a failure of that tool, not of the harness
        res["error"] = "unreadable output: %s" % e
        return res, None, mon
    finally:
        try:
            os.unlink(out)
        except OSError:
            pass
    if prof.count == 0:
        res["error"] = "no samples recorded: " + mon.failure_text()
        return res, prof, mon
    # The time actually spent sampling.
    measured = (mon.t_exit - mon.t_marker) if mon.t_marker else None
    duration = float(seconds)
    if tool.key == "austin" and "duration" in prof.meta:
        try:
            duration = int(prof.meta["duration"]) / 1e6
        except ValueError:
            pass
    elif measured is not None:
        duration = min(duration, measured)
    res.update(stacks=prof.count, distinct_stacks=prof.distinct, max_depth=prof.max_depth,
               sampling_seconds=round(duration, 4), cpu_s=mon.cpu_seconds, peak_rss_kb=mon.peak_rss_kb)
    return res, prof, mon


# ---------------------------------------------------------------------------------------------------------------
# The measurements. Each returns a JSON-able dict; tables are made from those dicts.

RATE_WORKLOADS = [
    ("shallow", "1 thread, 5 frames", dict(threads=1, depth=3)),
    ("deep50", "1 thread, 50 frames", dict(threads=1, depth=50)),
    ("threads100", "100 threads x 20 frames", dict(threads=100, depth=20)),
    ("deep1000", "1 thread, 1000 frames", dict(threads=1, depth=1000)),
]


def busy_target(python, threads, depth):
    return Target(python, "busy.py", ["--threads", threads, "--depth", depth])


def passes_from(res, threads):
    """Every tool here records one stack per thread per sample (idle ones included: --idle, or Austin's wall
    mode), so samples = recorded thread-stacks / threads in the target."""
    return res["stacks"] / float(threads)


def measure_rate(ctx):
    out = ctx.begin("rate", {})
    for key, label, w in RATE_WORKLOADS:
        out[key] = {"label": label, "threads_busy": w["threads"], "depth": w["depth"], "tools": {}}
        try:
            with busy_target(ctx.python, w["threads"], w["depth"]) as t:
                info = t.wait_ready()
                out[key]["threads_in_target"] = info["threads"]
                for tool in ctx.tools:
                    r = ctx.guard(tool, lambda: record_sampled(tool, t, ctx, "max", True, info["threads"]))
                    if "error" not in r and r["max_depth"] < 0.9 * w["depth"]:
                        r["warning"] = "deepest stack recorded: %d frames" % r["max_depth"]
                    out[key]["tools"][tool.key] = r
                    ctx.progress("rate", key, tool, r, "samples_per_s", "%.0f samples/s")
                    if not t.alive():
                        raise RuntimeError("workload died: " + t.stderr_tail())
        except Exception as e:
            out[key]["error"] = str(e)
            log("  rate %s: %s" % (key, e))
    return out


def record_sampled(tool, target, ctx, rate, nonblocking, threads=1):
    """A recording on a busy target, with samples per second and the CPU cost of one sample."""
    seconds = ctx.s["cost_seconds"] if rate != "max" else ctx.s["rate_seconds"]
    res, prof, mon = record(tool, target, ctx.tmp, rate, seconds, nonblocking, idle=True)
    if "error" in res:
        return res
    res["samples"] = passes_from(res, threads)
    res["samples_per_s"] = res["samples"] / res["sampling_seconds"]
    res["us_per_sample_total"] = 1e6 * res["cpu_s"] / res["samples"]
    # Steady state: CPU per wall second over the middle of the run (from /proc polls), divided by the rate
    # achieved. Leaves out attach and writing the output.
    t0 = mon.t_marker - mon.t_start
    frac = mon.steady_cpu_fraction(t0 + 0.15 * seconds, t0 + 0.95 * seconds)
    res["cpu_fraction_steady"] = frac
    res["us_per_sample_steady"] = 1e6 * frac / res["samples_per_s"] if frac is not None and res["samples_per_s"] else None
    return res


def measure_cost(ctx):
    configs = [("1khz_nonblocking", 1000, True), ("1khz_pausing", 1000, False), ("max_nonblocking", "max", True)]
    out = ctx.begin("cost", {"workload": "1 thread, 50 frames", "configs": {}})
    reuse = (ctx.done.get("rate") or {}).get("deep50", {}).get("tools", {})
    try:
        with busy_target(ctx.python, 1, 50) as t:
            t.wait_ready()
            for name, rate, nb in configs:
                cell = out["configs"].setdefault(name, {"rate": rate, "nonblocking": nb, "tools": {}})
                for tool in ctx.tools:
                    if not nb and not tool.supports_pausing:
                        cell["tools"][tool.key] = {"na": "no pausing mode"}
                        continue
                    if rate == "max" and tool.key in reuse:
                        # The same recording as the 50-frame highest-rate measurement: not run twice.
                        r = dict(reuse[tool.key], reused_from="rate.deep50")
                    else:
                        r = ctx.guard(tool, lambda: record_sampled(tool, t, ctx, rate, nb))
                    cell["tools"][tool.key] = r
                    ctx.progress("cost", name, tool, r, "us_per_sample_total", "%.1f us/sample")
                if not t.alive():
                    raise RuntimeError("workload died: " + t.stderr_tail())
    except Exception as e:
        out["error"] = str(e)
        log("  cost: %s" % e)
    return out


def slowdown_once(ctx, iterations, tool=None, rate=None, nonblocking=False):
    """Wall time of the fixed work as the workload measured it, with `tool` attached (or none)."""
    res = {}
    with Target(ctx.python, "slowdown.py", ["--iterations", iterations], stdin_pipe=True) as t:
        t.wait_ready()
        mon = None
        try:
            if tool is not None:
                out = os.path.join(ctx.tmp, "slow-%s-%d.txt" % (tool.key, t.pid))
                limit = int(ctx.s["slowdown_seconds"] * 60 + 120)  # a backstop; the tools stop when the target exits
                argv = tool.record_argv(t.pid, out, rate, None if tool.key == "austin" else limit, nonblocking)
                res["argv"] = argv
                mon = Monitored(argv, marker=tool.marker)
                if not mon.wait_marker(timeout=30):
                    mon.finish(timeout=5)
                    res["error"] = "did not start: " + mon.failure_text()
                    return res
                time.sleep(0.2)  # settle: let the first samples be taken before the work starts
            t.send("go\n")
            line = t.wait_line("ELAPSED", timeout=ctx.s["slowdown_seconds"] * 60 + 60)
            res["elapsed_s"] = float(line.split()[0])
            res["target_cpu_s"] = float(line.split()[1])  # diagnostic: CPU the work itself took
            if mon is not None:
                mon.finish(timeout=30)
                res["process"] = mon.raw()
                if os.path.exists(out):
                    try:
                        prof = tool.parse(out)
                        res["stacks"] = prof.count
                    except Exception as e:
                        res["parse_error"] = str(e)
                    os.unlink(out)
                if mon.t_marker and res.get("stacks"):
                    res["achieved_rate"] = res["stacks"] / max(1e-3, mon.t_exit - mon.t_marker)
        except Exception as e:
            res["error"] = str(e) + ((" / profiler: " + mon.failure_text()) if mon is not None else "")
        finally:
            if mon is not None and mon.running:
                mon.kill()
    return res


def measure_slowdown(ctx):
    out = ctx.begin("slowdown", {"configs": {}})
    try:
        # Calibrate the fixed amount of work to about slowdown_seconds, unprofiled.
        n0 = 100_000
        t0 = slowdown_once(ctx, n0)
        if "error" in t0:
            raise RuntimeError(t0["error"])
        iterations = max(10_000, int(n0 * ctx.s["slowdown_seconds"] / max(t0["elapsed_s"], 1e-3)))
        out["iterations"] = iterations
        configs = [("100hz_pausing", 100, False), ("1khz_pausing", 1000, False), ("1khz_nonblocking", 1000, True),
                   ("10khz_nonblocking", 10_000, True)]
        runs = [("unprofiled", None, None, None)]
        for name, rate, nb in configs:
            for tool in ctx.tools:
                runs.append((name, tool, rate, nb))
        collected = {}
        for rep in range(ctx.s["slowdown_reps"]):
            order = runs[rep % len(runs):] + runs[:rep % len(runs)]  # rotate so drift does not favour anyone
            for name, tool, rate, nb in order:
                key = (name, tool.key if tool else None)
                if tool is not None and not nb and not tool.supports_pausing:
                    collected[key] = [{"na": "no pausing mode"}]
                    continue
                if tool is not None and not tool.available:
                    collected[key] = [{"error": tool.error}]
                    continue
                r = slowdown_once(ctx, iterations, tool, rate, nb)
                collected.setdefault(key, []).append(r)
                log("  slowdown %-18s %-9s %s" % (name, tool.key if tool else "-",
                                                  ("%.3f s" % r["elapsed_s"]) if "elapsed_s" in r else r.get("error", "")[:100]))
        base = [r["elapsed_s"] for r in collected[("unprofiled", None)] if "elapsed_s" in r]
        if not base:
            raise RuntimeError("unprofiled run failed: %s" % collected[("unprofiled", None)])
        out["unprofiled_s"] = statistics.median(base)
        out["unprofiled_runs_s"] = base
        for name, rate, nb in configs:
            cell = out["configs"].setdefault(name, {"rate": rate, "nonblocking": nb, "tools": {}})
            for tool in ctx.tools:
                rs = collected.get((name, tool.key), [])
                if rs and "na" in rs[0]:
                    cell["tools"][tool.key] = {"na": rs[0]["na"]}
                    continue
                ok = [r["elapsed_s"] for r in rs if "elapsed_s" in r]
                entry = {"runs": rs}
                if ok:
                    entry["elapsed_s"] = statistics.median(ok)
                    entry["slowdown"] = entry["elapsed_s"] / out["unprofiled_s"]
                    rates = [r["achieved_rate"] for r in rs if r.get("achieved_rate")]
                    if rates:
                        entry["achieved_rate"] = statistics.median(rates)
                else:
                    entry["error"] = next((r["error"] for r in rs if "error" in r), "no run")
                cell["tools"][tool.key] = entry
    except Exception as e:
        out["error"] = str(e)
        log("  slowdown: %s" % e)
    return out


# `Thread 1234 (idle): "name"` (swiftspy, py-spy), `🧵 Thread 0:1234` (Austin)
THREAD_LINE = re.compile(r"\bThread (?:0x)?[0-9A-Fa-f]+(?::\d+)?\b")


def measure_dump(ctx):
    out = ctx.begin("dump", {})
    for threads in (10, 100):
        key = "threads%d" % threads
        out[key] = {"threads_busy": threads, "tools": {}}
        try:
            with busy_target(ctx.python, threads, 20) as t:
                info = t.wait_ready()
                out[key]["threads_in_target"] = info["threads"]
                for tool in ctx.tools:
                    if not tool.available:
                        out[key]["tools"][tool.key] = {"error": tool.error}
                        continue
                    argv = tool.dump_argv(t.pid)
                    times, errors, seen = [], [], []
                    for _ in range(ctx.s["dump_runs"]):
                        t0 = time.perf_counter()
                        try:
                            r = subprocess.run(argv, capture_output=True, timeout=60, preexec_fn=_die_with_parent)
                        except subprocess.TimeoutExpired:
                            errors.append("timed out after 60 s")
                            continue
                        dt = time.perf_counter() - t0
                        text = ANSI.sub("", (r.stdout + r.stderr).decode("utf-8", "replace"))
                        nthreads = len(THREAD_LINE.findall(text))
                        if r.returncode != 0 or nthreads == 0:
                            lines = [l for l in text.strip().splitlines() if l.strip()]
                            errors.append("exit %d: %s" % (r.returncode, " / ".join(lines[-2:])))
                            continue
                        times.append(dt)
                        seen.append(nthreads)
                    entry = {"argv": argv, "runs_s": times, "errors": errors, "threads_seen": seen}
                    if times:
                        entry["best_ms"] = 1e3 * min(times)
                        entry["median_ms"] = 1e3 * statistics.median(times)
                        if max(seen) < info["threads"]:
                            entry["warning"] = "showed %d of %d threads" % (max(seen), info["threads"])
                    else:
                        entry["error"] = errors[0] if errors else "no run"
                    out[key]["tools"][tool.key] = entry
                    ctx.progress("dump", key, tool, entry, "median_ms", "median %.1f ms")
        except Exception as e:
            out[key]["error"] = str(e)
            log("  dump %s: %s" % (key, e))
    return out


def extrapolate_memory(mon, seconds, reference):
    """Peak RSS extrapolated linearly to `reference` seconds from the RSS growth over the second half of a
    shorter run (an honest straight line, said to be one)."""
    if mon.t_marker is None:
        return None
    t0 = mon.t_marker - mon.t_start
    pts = [(t - t0, rss) for t, rss, _ in mon.mem_samples if t >= t0]
    half = [(t, r) for t, r in pts if t >= seconds / 2.0]
    if len(half) < 3:
        return None
    n = len(half)
    mt = sum(t for t, _ in half) / n
    mr = sum(r for _, r in half) / n
    var = sum((t - mt) ** 2 for t, _ in half)
    slope = sum((t - mt) * (r - mr) for t, r in half) / var if var > 0 else 0.0
    slope = max(0.0, slope)  # kB per second
    last_t, last_r = half[-1]
    return {"growth_kb_per_s": slope, "from_seconds": last_t,
            "rss_kb_at_end": last_r, "projected_kb": last_r + slope * (reference - last_t)}


def measure_memory(ctx):
    seconds = ctx.s["memory_seconds"]
    out = ctx.begin("memory", {"seconds": seconds, "reference_seconds": MEMORY_REFERENCE_SECONDS, "rate": 100, "tools": {}})
    for tool in ctx.tools:
        def run():
            with Target(ctx.python, "churn.py", ["--functions", 3000, "--max-depth", 60]) as t:
                info = t.wait_ready()
                res, prof, mon = record(tool, t, ctx.tmp, 100, seconds, nonblocking=False)
                res["functions"] = info.get("functions")
                if "error" in res:
                    return res
                res["vmhwm_polled_kb"] = max([h for _, _, h in mon.mem_samples if h] or [0])
                res["peak_kb"] = mon.peak_rss_kb
                res["rss_timeline"] = [(round(t_, 2), r) for t_, r, _ in mon.mem_samples[::max(1, len(mon.mem_samples) // 60)]]
                if seconds < MEMORY_REFERENCE_SECONDS:
                    ex = extrapolate_memory(mon, seconds, MEMORY_REFERENCE_SECONDS)
                    if ex:
                        ex["peak_kb"] = max(res["peak_kb"], ex["projected_kb"])
                        res["extrapolated_to_reference"] = ex
                return res
        r = ctx.guard(tool, run)
        out["tools"][tool.key] = r
        ctx.progress("memory", "churn", tool, r, "peak_kb", "peak %.0f kB")
    return out


ACCURACY_FUNCS = ("work_a", "work_b", "work_c")


def distribution(prof, weighted=False):
    """Share of each workload function, attributing a stack to the innermost of them it contains."""
    totals = {k: 0.0 for k in ACCURACY_FUNCS + ("other",)}
    for funcs, count, metric in prof.stacks:
        w = metric if (weighted and metric is not None) else count
        name = next((f for f in reversed(funcs) if f in totals), "other")
        totals[name] += w
    s = sum(totals.values())
    return {k: v / s for k, v in totals.items()} if s else None


def tvd(p, q):
    return 0.5 * sum(abs(p.get(k, 0.0) - q.get(k, 0.0)) for k in set(p) | set(q))


def noise_floor(truth, n):
    """Expected TVD of an ideal sampler taking n independent samples of `truth` (the best any tool can hope
    for): 0.5 * sum_k E|p^_k - p_k|, with E|p^ - p| ~ sqrt(2 p (1 - p) / (pi n)) (normal approximation)."""
    if not n:
        return None
    return 0.5 * sum(math.sqrt(2.0 * p * (1.0 - p) / (math.pi * n)) for p in truth.values() if 0.0 < p < 1.0)


def accuracy_once(ctx, tool, rate, seconds, nonblocking):
    with Target(ctx.python, "mixture.py", []) as t:
        t.wait_ready()
        res, prof, mon = record(tool, t, ctx.tmp, rate, seconds, nonblocking,
                                on_start=lambda: t.signal(signal.SIGUSR1))  # truth counted from here
        t.signal(signal.SIGTERM)
        truth = json.loads(t.wait_line("TRUTH", timeout=15))
        res["truth"] = truth
        if "error" in res or prof is None:
            return res
        dist = distribution(prof, weighted=False)
        res["distribution_counted"] = dist
        res["tvd_counted"] = tvd(dist, truth)
        res["distribution"], res["tvd"] = dist, res["tvd_counted"]
        if tool.key == "austin":
            # Austin's wall-time metric is the time (µs) each sample stands for, and Austin's own tools weight by
            # it: that is its estimate of the time, so it is the one judged.
            wdist = distribution(prof, weighted=True)
            if wdist:
                res["distribution_time_weighted"] = wdist
                res["tvd_time_weighted"] = tvd(wdist, truth)
                res["distribution"], res["tvd"] = wdist, res["tvd_time_weighted"]
        res["noise_floor"] = noise_floor(truth, prof.count)
        return res


def measure_accuracy(ctx):
    out = ctx.begin("accuracy", {"configs": {}})
    configs = [("100hz", 100, ctx.s["accuracy_seconds"], False), ("max", "max", ctx.s["accuracy_max_seconds"], True)]
    for name, rate, seconds, nb in configs:
        cell = out["configs"].setdefault(name, {"rate": rate, "seconds": seconds, "nonblocking": nb, "tools": {}})
        for tool in ctx.tools:
            r = ctx.guard(tool, lambda: accuracy_once(ctx, tool, rate, seconds, nb))
            cell["tools"][tool.key] = r
            ctx.progress("accuracy", name, tool, r, "tvd", "TVD %.4f")
    return out


# ---------------------------------------------------------------------------------------------------------------
# Tables.

def fmt_num(v, unit=""):
    if v is None:
        return "—"
    if isinstance(v, str):
        return v
    a = abs(v)
    if a >= 100:
        s = "{:,.0f}".format(v)
    elif a >= 10:
        s = "%.1f" % v
    elif a >= 1:
        s = "%.2f" % v
    else:
        s = "%.3f" % v if a >= 0.001 or a == 0 else "%.2e" % v
    return s + unit


def cell_for(entry, field, unit="", extra=None):
    """(markdown text, numeric value or None) for one tool's result."""
    if entry is None:
        return "—", None
    if "na" in entry:
        return "n/a (%s)" % entry["na"], None
    if "error" in entry:
        msg = re.sub(r"\s+", " ", str(entry["error"])).replace("|", "\\|")
        return "FAILED: " + (msg[:90] + "…" if len(msg) > 90 else msg), None
    v = entry.get(field)
    if v is None:
        return "—", None
    text = fmt_num(v, unit)
    if extra:
        more = extra(entry)
        if more:
            text += " " + more
    if entry.get("warning"):
        text += " ⚠ " + entry["warning"]
    return text, v


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "—"
    return "%.2f×" % (a / b)


def table(title, note, rows, tools):
    """rows: (label, {tool key: entry}, field, unit, extra)."""
    peers = [t for t in tools if t.key != "swiftspy"]
    head = ["", *[t.label for t in tools]] + ["swiftspy / %s" % p.label for p in peers if any(t.key == "swiftspy" for t in tools)]
    lines = ["### " + title, "", note, "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for label, entries, field, unit, extra in rows:
        cells, vals = [], {}
        for t in tools:
            text, v = cell_for(entries.get(t.key) if entries else None, field, unit, extra)
            cells.append(text)
            vals[t.key] = v
        if any(t.key == "swiftspy" for t in tools):
            cells += [ratio(vals.get("swiftspy"), vals.get(p.key)) for p in peers]
        lines.append("| " + " | ".join([label] + cells) + " |")
    return "\n".join(lines) + "\n"


def errors_extra(entry):
    rep = entry.get("reported") or {}
    if rep.get("errors"):
        return "(%d errors)" % rep["errors"]
    return None


def render(results, tools):
    out = []
    if results.get("mode") == "quick":
        out.append("**Quick mode: a smoke check.** A few seconds per measurement and one or two runs each: the "
                   "numbers are small-sample and noisy, not numbers to quote.\n")
    load = (results.get("meta") or {}).get("loadavg_at_start")
    cpus = (results.get("meta") or {}).get("cpus") or 1
    if load and load[0] > 0.5 * cpus:
        out.append("**The machine was busy** (load average %.1f on %d CPUs at the start): every time below is "
                   "skewed by other work.\n" % (load[0], cpus))
    build = (results.get("meta") or {}).get("swiftspy_build")
    if build and build != "ok":
        out.append("**swiftspy**: %s\n" % build)
    if results.get("interrupted"):
        out.append("**Interrupted**: only what was measured before the interruption.\n")
    for py, r in results["pythons"].items():
        out.append("## Python %s (%s)\n" % (py, r.get("interpreter", "")))
        if "error" in r:
            out.append("FAILED: %s\n" % r["error"])
        m = r.get("rate")
        if m:
            rows = []
            for key, label, _ in RATE_WORKLOADS:
                w = m.get(key, {})
                rows.append((label, w.get("tools") or ({k: {"error": w["error"]} for k in TOOL_KEYS} if "error" in w else {}),
                             "samples_per_s", "", errors_extra))
            out.append(table("Highest sustained sampling rate (samples/s, higher is better)",
                             "`--nonblocking --idle -r %s` for swiftspy and py-spy, `-i 1us` for Austin, %d s each. "
                             "A sample is one pass over all threads: recorded thread-stacks ÷ threads in the target "
                             "(101 for the 100-thread workload)." % ("{:,}".format(MAX_RATE), results["settings"]["rate_seconds"]),
                             rows, tools))
        m = r.get("cost")
        if m:
            rows = []
            names = {"1khz_nonblocking": "1 kHz --nonblocking", "1khz_pausing": "1 kHz, pausing (default)",
                     "max_nonblocking": "highest rate, --nonblocking"}
            for name, label in names.items():
                c = m.get("configs", {}).get(name)
                if not c:
                    continue
                rows.append((label + ": total CPU ÷ samples", c["tools"], "us_per_sample_total", " µs", None))
                rows.append((label + ": steady state", c["tools"], "us_per_sample_steady", " µs", None))
            if "error" in m:
                rows.append(("error", {k: {"error": m["error"]} for k in TOOL_KEYS}, "", "", None))
            out.append(table("Cost of one sample (profiler CPU µs per sample, lower is better)",
                             "1 thread 50 frames deep. *Total* = user+sys CPU of the profiler process (wait4 rusage, "
                             "includes attaching and writing the file) ÷ samples; *steady state* = CPU per wall second "
                             "over the middle of the run (/proc/PID/stat) ÷ achieved samples per second.", rows, tools))
        m = r.get("slowdown")
        if m:
            rows = []
            names = {"100hz_pausing": "100 Hz, pausing (default)", "1khz_pausing": "1 kHz, pausing (default)",
                     "1khz_nonblocking": "1 kHz --nonblocking", "10khz_nonblocking": "10 kHz --nonblocking"}
            for name, label in names.items():
                c = m.get("configs", {}).get(name)
                if c:
                    rows.append((label, c["tools"], "slowdown", "×",
                                 lambda e: "(%s/s)" % fmt_num(e["achieved_rate"]) if e.get("achieved_rate") else None))
            if "error" in m:
                rows.append(("error", {k: {"error": m["error"]} for k in TOOL_KEYS}, "", "", None))
            out.append(table("Target slowdown (profiled ÷ unprofiled wall time, 1.00× = none, lower is better)",
                             "Fixed pure-Python work (%s iterations, %s unprofiled, median of %d runs each); in brackets the "
                             "stacks recorded per second while attached. Austin has no pausing mode; at 1 kHz / 10 kHz it runs with "
                             "`-i 1000us` / `-i 100us`." % ("{:,}".format(m.get("iterations", 0)),
                                                            fmt_num(m.get("unprofiled_s"), " s"), results["settings"]["slowdown_reps"]),
                             rows, tools))
        m = r.get("dump")
        if m:
            rows = []
            for key in ("threads10", "threads100"):
                w = m.get(key)
                if not w:
                    continue
                ents = w.get("tools") or ({k: {"error": w["error"]} for k in TOOL_KEYS} if "error" in w else {})
                n = w.get("threads_busy")
                rows.append(("%d busy threads: best" % n, ents, "best_ms", " ms", None))
                rows.append(("%d busy threads: median" % n, ents, "median_ms", " ms", None))
            out.append(table("`dump` latency (wall ms of the whole command, lower is better)",
                             "`swiftspy dump --pid`, `py-spy dump --pid` (both pause the target), `austin --where` "
                             "(does not pause); %d runs each, threads 20 frames deep." % results["settings"]["dump_runs"],
                             rows, tools))
        m = r.get("memory")
        if m:
            secs, ref = m["seconds"], m["reference_seconds"]
            ents = {}
            for k, e in m["tools"].items():
                e = dict(e)
                if "peak_kb" in e:
                    e["peak_mib"] = e["peak_kb"] / 1024.0
                ex = e.get("extrapolated_to_reference")
                if ex:
                    e["ref_mib"] = ex["peak_kb"] / 1024.0
                elif "peak_kb" in e and secs >= ref:
                    e["ref_mib"] = e["peak_kb"] / 1024.0
                ents[k] = e
            rows = [("measured after %d s" % secs, ents, "peak_mib", " MiB",
                     lambda e: "(%s distinct stacks)" % fmt_num(e.get("distinct_stacks")))]
            if secs < ref:
                rows.append(("EXTRAPOLATED to %d s (linear RSS growth)" % ref, ents, "ref_mib", " MiB", None))
            out.append(table("Profiler peak memory (max RSS, MiB, lower is better)",
                             "100 Hz (swiftspy and py-spy pausing, `-f raw`; Austin `-i 10ms`) on a target whose stacks "
                             "never stop changing (3000 generated functions, random depth up to 60). Peak = the "
                             "profiler's VmHWM polled every 0.1 s (wait4's ru_maxrss also counts the harness it was "
                             "forked from, so it is used only where it is higher than the harness's own peak)." + (
                                 " This run lasted %d s, not %d: the second row is a straight-line extrapolation of the "
                                 "RSS growth over its second half, not a measurement." % (secs, ref) if secs < ref else ""),
                             rows, tools))
        m = r.get("accuracy")
        if m:
            rows = []
            for name, label in (("100hz", "100 Hz, pausing (default)"), ("max", "highest rate, --nonblocking")):
                c = m["configs"].get(name)
                if not c:
                    continue
                rows.append((label + ": TVD", c["tools"], "tvd", "",
                             lambda e: "(n=%s, floor %s)" % (fmt_num(e.get("stacks")), fmt_num(e.get("noise_floor")))))
            out.append(table("Accuracy (total variation distance from the measured truth, lower is better)",
                             "work_a / work_b / work_c take ~50/30/20 %% of the time, drawn at random per ~200 µs unit; "
                             "the workload measures the true shares itself. Stacks are attributed to the innermost of "
                             "those functions, else 'other'. *floor* = the expected TVD of an ideal sampler with the same "
                             "number of samples. Each tool by its own estimator: swiftspy and py-spy count samples, Austin sums its "
                             "per-sample time metric (counting its lines instead: `tvd_counted` in the JSON). "
                             "100 Hz runs %d s, the highest-rate runs %d s." % (
                                 results["settings"]["accuracy_seconds"], results["settings"]["accuracy_max_seconds"]),
                             rows, tools))
    return "\n".join(out)


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
