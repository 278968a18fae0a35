"""The markdown tables made from a results dict."""

import re

from .measure_rate import RATE_WORKLOADS
from .settings import MAX_RATE, TOOL_KEYS


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
