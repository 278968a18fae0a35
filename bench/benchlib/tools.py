"""The profilers compared (swiftspy, py-spy, Austin), their installation, and one recording."""

import os
import re
import subprocess
import sys
import time

from .processes import Monitored, log
from .profiles import parse_austin, parse_collapsed
from .settings import AUSTIN_DIST_VERSION, MAX_RATE, PYSPY_VERSION, REPO, VENV


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
