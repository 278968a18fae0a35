"""A fixed amount of pure-Python work that times itself, for the target-slowdown benchmark.

    python slowdown.py --iterations N

Prints `READY {...}`, waits for one line on stdin (`go`; the profiler attaches meanwhile), runs N iterations of a
call-heavy loop about 20 frames deep, prints `ELAPSED <wall seconds> <cpu seconds> <checksum>` and exits.
"""
import argparse
import json
import os
import sys
import time


def f3(x):
    return (x * 31 + 7) & 0xFFFFF


def f2(x):
    return f3(x) ^ f3(x + 1)


def f1(n, x):
    for i in range(n):
        x = f2(x + i)
    return x


def nest(depth, n):
    if depth <= 0:
        return f1(n, depth + 1)
    return nest(depth - 1, n)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iterations", type=int, required=True)
    ap.add_argument("--depth", type=int, default=16)
    args = ap.parse_args()
    print("READY " + json.dumps({"pid": os.getpid(), "threads": 1, "version": sys.version.split()[0]}), flush=True)
    line = sys.stdin.readline()
    if line.strip() != "go":
        return
    start = time.perf_counter()
    cpu = time.process_time()
    acc = 0
    done = 0
    chunk = 1000
    while done < args.iterations:
        n = min(chunk, args.iterations - done)
        acc ^= nest(args.depth, n)
        done += n
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu
    print("ELAPSED %.6f %.6f %d" % (elapsed, cpu, acc), flush=True)


if __name__ == "__main__":
    main()
