"""Target slowdown: profiled against unprofiled wall time of a fixed amount of work."""

import os
import statistics
import time

from .processes import Monitored, Target, log


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
