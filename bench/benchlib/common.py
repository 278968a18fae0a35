"""Helpers shared by more than one measurement."""

from .processes import Target
from .tools import record


# ---------------------------------------------------------------------------------------------------------------
# The measurements. Each returns a JSON-able dict; tables are made from those dicts.


def busy_target(python, threads, depth):
    return Target(python, "busy.py", ["--threads", threads, "--depth", depth])


def passes_from(res, threads):
    """Every tool here records one stack per thread per sample (idle ones included: --idle, or Austin's wall
    mode), so samples = recorded thread-stacks / threads in the target."""
    return res["stacks"] / float(threads)


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
