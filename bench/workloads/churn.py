"""Stacks that never stop changing, for the profiler-memory benchmark.

    python churn.py [--functions 3000] [--max-depth 60] [--seed 1]

Generates --functions distinct functions with exec (each its own name and code object, spread over many
distinct line numbers), then forever builds call chains of random depth (1..--max-depth) through randomly chosen
functions, doing a little work at the bottom. A profiler that keeps one entry per distinct stack sees that set
grow for the whole run. Prints `READY {...}` once the functions exist, then runs until killed.
"""
import argparse
import json
import os
import random
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--functions", type=int, default=3000)
    ap.add_argument("--max-depth", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    sys.setrecursionlimit(10000)
    rnd = random.Random(args.seed)
    namespace = {"rnd": rnd}
    names = []
    for i in range(args.functions):
        name = "gen_%05d" % i
        # Pad with blank lines so each function lives at its own line numbers in its own "file".
        pad = "\n" * (i % 97)
        src = (
            pad
            + "def %s(depth, table):\n" % name
            + "    if depth <= 0:\n"
            + "        x = 0\n"
            + "        for j in range(%d):\n" % (20 + i % 50)
            + "            x += j * %d\n" % (i + 1)
            + "        return x\n"
            + "    return table[rnd.randrange(len(table))](depth - 1, table)\n"
        )
        code = compile(src, "<generated_%03d>" % (i % 200), "exec")
        exec(code, namespace)
        names.append(name)
    table = [namespace[n] for n in names]
    print("READY " + json.dumps({"pid": os.getpid(), "threads": 1, "version": sys.version.split()[0],
                                 "functions": len(table)}), flush=True)
    max_depth = args.max_depth
    while True:
        table[rnd.randrange(len(table))](rnd.randrange(max_depth), table)


if __name__ == "__main__":
    main()
