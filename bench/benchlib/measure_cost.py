"""Cost of one sample (profiler CPU per sample)."""

from .common import busy_target, record_sampled
from .processes import log


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
