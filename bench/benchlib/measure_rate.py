"""Highest sustained sampling rate."""

from .common import busy_target, record_sampled
from .processes import log


RATE_WORKLOADS = [
    ("shallow", "1 thread, 5 frames", dict(threads=1, depth=3)),
    ("deep50", "1 thread, 50 frames", dict(threads=1, depth=50)),
    ("threads100", "100 threads x 20 frames", dict(threads=100, depth=20)),
    ("deep1000", "1 thread, 1000 frames", dict(threads=1, depth=1000)),
]


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
