"""Process management: spawning and reaping, /proc polls, the monitored profiler process and the workload."""

import ctypes
import json
import os
import queue
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time

from .settings import ANSI, TICK, WORKLOADS


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
