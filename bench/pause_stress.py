#!/usr/bin/env python3
"""Stress the pausing mode where it once hung (issue 12.1): `swiftspy record --pid P --rate 1000` on a target with
three busy threads, and either the target SIGKILLed 0.2-1 s in, or swiftspy sent SIGINT/SIGTERM.

For every interpreter found (pyenv's and /usr/bin/python3.11) it counts:
  - hangs: swiftspy still running 5 s after its target died (it is then SIGKILLed and the run counted);
  - unreaped: the dead target could not be reaped by its parent (this script) within 1 s of swiftspy exiting;
  - slow stops: SIGINT/SIGTERM to swiftspy took longer than 1 s to end it, or left no complete output file, or
    left the target stopped or traced.

    python3 bench/pause_stress.py [--kills 500] [--signals 100] [--jobs 2] [--swiftspy .build/release/swiftspy]
"""
import argparse
import concurrent.futures
import glob
import os
import random
import signal
import subprocess
import sys
import tempfile
import time

TARGET = """
import threading
def spin():
    n = 0
    while True:
        n += 1
for _ in range(3):
    worker = threading.Thread(target=spin)
    worker.daemon = True
    worker.start()
spin()
"""


def interpreters():
    root = subprocess.run(["pyenv", "root"], capture_output=True, text=True).stdout.strip() or os.path.expanduser("~/.pyenv")
    found = sorted(glob.glob(os.path.join(root, "versions", "*", "bin", "python")))
    if os.access("/usr/bin/python3.11", os.X_OK):
        found.append("/usr/bin/python3.11")
    return found


def status_of(pid):
    """(state letter, TracerPid) of a process, or None when it is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            fields = dict(line.split(":", 1) for line in f if ":" in line)
        return fields["State"].split()[0], int(fields["TracerPid"])
    except (OSError, KeyError, ValueError):
        return None


def wait_exit(proc, timeout):
    try:
        proc.wait(timeout=timeout)
        return True
    except subprocess.TimeoutExpired:
        return False


def reap_within(process, timeout):
    """Whether the parent (this script) could reap `process` within `timeout`: a dead process still held by
    a tracer stays unreapable."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return True
        time.sleep(0.005)
    return False


def one_run(python, swiftspy, mode, seed):
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="swiftspy-stress-") as scratch:
        output = os.path.join(scratch, "out.txt")
        target = subprocess.Popen([python, "-c", TARGET])
        time.sleep(0.15)  # let the interpreter start its threads
        if target.poll() is not None:
            raise RuntimeError(f"{python}: the busy target exited at once (status {target.returncode})")
        spy = subprocess.Popen([swiftspy, "record", "--pid", str(target.pid), "--rate", "1000", "-f", "raw",
                                "-o", output, "--hideprogress"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.2, 1.0))
        result = {"mode": mode}
        if mode == "kill":
            target.kill()
            hung = not wait_exit(spy, 5)
            if hung:
                spy.kill()
                spy.wait()
            result["hang"] = hung
            result["unreaped"] = not reap_within(target, 1.0)
        else:
            sent = time.monotonic()
            spy.send_signal(signal.SIGINT if mode == "sigint" else signal.SIGTERM)
            ended = wait_exit(spy, 5)
            latency = time.monotonic() - sent
            if not ended:
                spy.kill()
                spy.wait()
            state = status_of(target.pid)
            written = os.path.exists(output) and os.path.getsize(output) > 0
            result["latency"] = latency
            reasons = []
            if not ended:
                reasons.append("still running 5 s after the signal")
            elif latency > 1.0:
                reasons.append(f"took {latency * 1000:.0f} ms to end")
            if not written:
                reasons.append(f"no output file (exit {spy.returncode}: {spy.stderr.read().decode(errors='replace').strip()[:200]!r})")
            if state is None:
                reasons.append("the target is gone")
            elif state[0] in "tT" or state[1] != 0:
                reasons.append(f"the target is left in state {state[0]}, TracerPid {state[1]}")
            result["bad"] = bool(reasons)
            result["reasons"] = "; ".join(reasons)
            target.kill()
            target.wait()
        return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=500)
    parser.add_argument("--signals", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--swiftspy", default=".build/release/swiftspy")
    parser.add_argument("--only", help="substring of the interpreter paths to run")
    args = parser.parse_args()
    swiftspy = os.path.abspath(args.swiftspy)
    total_bad = 0
    for python in interpreters():
        if args.only and args.only not in python:
            continue
        modes = ["kill"] * args.kills + ["sigint", "sigterm"] * (args.signals // 2)
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            results = list(pool.map(lambda job: one_run(python, swiftspy, job[1], job[0]), enumerate(modes)))
        kills = [r for r in results if r["mode"] == "kill"]
        stops = [r for r in results if r["mode"] != "kill"]
        hangs = sum(r["hang"] for r in kills)
        unreaped = sum(r["unreaped"] for r in kills)
        bad = sum(r["bad"] for r in stops)
        worst = max((r["latency"] for r in stops), default=0)
        total_bad += hangs + unreaped + bad
        for r in stops:
            if r["bad"]:
                print(f"  {r['mode']}: {r['reasons']}", flush=True)
        print(f"{python}: target killed mid-pause: {hangs} hangs, {unreaped} unreaped in {len(kills)} runs; "
              f"SIGINT/SIGTERM: {bad} bad in {len(stops)} (slowest {worst * 1000:.0f} ms)", flush=True)
    sys.exit(1 if total_bad else 0)


if __name__ == "__main__":
    main()
