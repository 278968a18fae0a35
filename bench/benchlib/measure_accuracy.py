"""Accuracy: distance of the recorded time shares from the measured truth."""

import json
import math
import signal

from .processes import Target
from .tools import record


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
