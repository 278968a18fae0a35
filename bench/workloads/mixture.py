"""Three functions with known shares of the time, for the accuracy benchmark.

    python mixture.py [--unit-us 200]

The main (only) thread loops forever: each turn draws one of work_a / work_b / work_c with probability
0.5 / 0.3 / 0.2 and runs it for one unit of work (the same loop in each, about --unit-us microseconds). The draw is
random so no sampling interval can alias with the pattern. It measures the time actually spent in each function
with perf_counter_ns, so the truth is measured, not assumed.

Signals: SIGUSR1 resets the counters (sent when the profiler starts); SIGTERM prints
`TRUTH {"work_a": share, "work_b": ..., "work_c": ..., "other": ...}` (shares of the wall time since the reset)
and exits.
"""
import argparse
import json
import os
import random
import signal
import sys
import time

N = 2000


def work_a():
    x = 0
    for i in range(N):
        x += i * i
    return x


def work_b():
    x = 0
    for i in range(N):
        x += i * i
    return x


def work_c():
    x = 0
    for i in range(N):
        x += i * i
    return x


totals = {"work_a": 0, "work_b": 0, "work_c": 0}
start = [time.perf_counter_ns()]


def reset(signum, frame):
    for k in totals:
        totals[k] = 0
    start[0] = time.perf_counter_ns()


def finish(signum, frame):
    wall = time.perf_counter_ns() - start[0]
    shares = {k: v / wall for k, v in totals.items()}
    shares["other"] = max(0.0, 1.0 - sum(shares.values()))
    print("TRUTH " + json.dumps(shares), flush=True)
    os._exit(0)


def main():
    global N
    ap = argparse.ArgumentParser()
    ap.add_argument("--unit-us", type=float, default=200.0)
    args = ap.parse_args()
    # Calibrate the loop length so one unit is about --unit-us.
    t = time.perf_counter_ns()
    for _ in range(20):
        work_a()
    per = (time.perf_counter_ns() - t) / 20 / N
    N = max(10, int(args.unit_us * 1000 / per))
    signal.signal(signal.SIGUSR1, reset)
    signal.signal(signal.SIGTERM, finish)
    rnd = random.Random(12345).random
    clock = time.perf_counter_ns
    a, b, c = work_a, work_b, work_c
    reset(None, None)
    print("READY " + json.dumps({"pid": os.getpid(), "threads": 1, "version": sys.version.split()[0],
                                 "unit_iterations": N}), flush=True)
    while True:
        r = rnd()  # work_a / work_b / work_c with probability 0.5 / 0.3 / 0.2
        if r < 0.5:
            t0 = clock(); a(); totals["work_a"] += clock() - t0
        elif r < 0.8:
            t0 = clock(); b(); totals["work_b"] += clock() - t0
        else:
            t0 = clock(); c(); totals["work_c"] += clock() - t0


if __name__ == "__main__":
    main()
