"""Profiler peak memory on a target whose stacks never repeat."""

from .processes import Target
from .settings import MEMORY_REFERENCE_SECONDS
from .tools import record


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
