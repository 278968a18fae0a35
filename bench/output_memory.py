#!/usr/bin/env python3
"""Profiler peak memory and output size per record format, swiftspy against py-spy in the same run.

    python3 bench/output_memory.py [--seconds 60] [--swiftspy PATH] [--py-spy PATH] [--python PATH]

Each run attaches to bench/workloads/churn.py (stacks that never repeat: the worst case for the aggregated
formats) at 100 Hz for --seconds, once per format and tool, one at a time. The peak is the profiler's own
maximum resident set, as GNU time (/usr/bin/time, Debian package `time`) reports it: time forks the profiler
from its own small process, whereas a child of this script would have this script's resident set counted in
its ru_maxrss (exec keeps the high-water mark of the memory it replaces). Prints a table and the ratio
swiftspy/py-spy; the goal is a ratio of at most 1 for memory.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FORMATS = ("flamegraph", "raw", "speedscope", "chrometrace")
GNU_TIME = "/usr/bin/time"


def start_target(python):
    target = subprocess.Popen([python, os.path.join(HERE, "workloads", "churn.py"), "--functions", "3000",
                               "--max-depth", "60"], stdout=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = target.stdout.readline()
        if line.startswith("READY"):
            return target
        if not line and target.poll() is not None:
            break
    target.kill()
    sys.exit("churn.py did not get ready")


def run(tool, binary, fmt, pid, seconds, directory):
    output = os.path.join(directory, "%s.%s" % (tool, fmt))
    command = [binary, "record", "--pid", str(pid), "--rate", "100", "--duration", str(int(seconds)),
               "--format", fmt, "--output", output]
    measured = os.path.join(directory, "maxrss")
    try:
        profiler = subprocess.run([GNU_TIME, "-f", "%M", "-o", measured] + command, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, timeout=seconds + 120)
    except subprocess.TimeoutExpired:
        return {"error": "did not finish within %d s" % (seconds + 120)}
    if profiler.returncode != 0 or not os.path.exists(output):
        message = profiler.stderr.decode().strip().splitlines()
        return {"error": "exit status %d: %s" % (profiler.returncode, message[0][:200] if message else "no message")}
    size = os.path.getsize(output)
    os.unlink(output)
    with open(measured) as f:
        peak_kb = int(f.read().split()[-1])
    return {"peak_mib": peak_kb / 1024.0, "bytes": size}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--swiftspy", default=os.path.join(HERE, "..", ".build", "release", "swiftspy"))
    ap.add_argument("--py-spy", dest="pyspy", default=shutil.which("py-spy") or "/tmp/pyspyenv/bin/py-spy")
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--formats", default=",".join(FORMATS))
    args = ap.parse_args()
    if not os.access(GNU_TIME, os.X_OK):
        sys.exit("%s is missing: apt-get install time" % GNU_TIME)
    tools = [("swiftspy", args.swiftspy)]
    if args.pyspy and os.path.exists(args.pyspy):
        tools.append(("py-spy", args.pyspy))
    else:
        print("py-spy not found (pip install py-spy==0.4.1): swiftspy alone, no ratio", file=sys.stderr)
    directory = tempfile.mkdtemp(prefix="swiftspy-outmem-")
    results = {}
    try:
        for fmt in args.formats.split(","):
            for tool, binary in tools:
                target = start_target(args.python)
                try:
                    results[(fmt, tool)] = run(tool, binary, fmt, target.pid, args.seconds, directory)
                finally:
                    target.kill()
                    target.wait()
                print(fmt, tool, results[(fmt, tool)], file=sys.stderr)
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    print("%-12s %-9s %10s %12s" % ("format", "tool", "peak MiB", "file bytes"))
    for (fmt, tool), r in results.items():
        if "error" in r:
            print("%-12s %-9s %s" % (fmt, tool, r["error"]))
        else:
            print("%-12s %-9s %10.1f %12d" % (fmt, tool, r["peak_mib"], r["bytes"]))
    for fmt in args.formats.split(","):
        ours, theirs = results.get((fmt, "swiftspy"), {}), results.get((fmt, "py-spy"), {})
        if "peak_mib" in ours and "peak_mib" in theirs:
            print("%-12s memory ratio swiftspy/py-spy %.2f, size ratio %.2f"
                  % (fmt, ours["peak_mib"] / theirs["peak_mib"], ours["bytes"] / max(1, theirs["bytes"])))


if __name__ == "__main__":
    main()
