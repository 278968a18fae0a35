"""`dump` latency."""

import re
import statistics
import subprocess
import time

from .common import busy_target
from .processes import _die_with_parent, log
from .settings import ANSI


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
