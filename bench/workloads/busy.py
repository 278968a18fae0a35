"""Busy threads at a fixed stack depth, for the sampling-rate and dump benchmarks.

    python busy.py --threads N --depth D [--main-idle]

Starts N threads (N=1 and no --main-idle: the main thread itself is the busy one); each recurses D frames deep
and then spins in a CPU loop that keeps calling one small leaf function, so the stack is D or D+1 frames.
Prints one line `READY {"threads": <live threads>, ...}` on stdout once every busy thread is at depth, then
runs until killed.
"""
import argparse
import json
import os
import sys
import threading


def leaf(x):
    return (x * 7 + 3) % 1000003


def spin():
    x = 0
    while True:
        for _ in range(1000):
            x = leaf(x)


def descend(depth, ready):
    # Each level is a real Python frame; the loop runs at the bottom.
    if depth <= 1:
        if ready is not None:
            ready()
        spin()
    else:
        descend(depth - 1, ready)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--depth", type=int, default=50)
    args = ap.parse_args()
    sys.setrecursionlimit(max(1000, args.depth * 2 + 100))
    # The frames below descend(): <module>, main(), so D total frames means D-2 descend levels.
    levels = max(1, args.depth - 2)

    if args.threads <= 1:
        def ready():
            report()
        descend(levels, ready)
        return

    lock = threading.Lock()
    count = [0]
    all_ready = threading.Event()
    go = threading.Event()

    def one_ready():
        # Park (idle, off the GIL) at full depth until every thread is there, then all spin together:
        # starting 100 threads while the earlier ones already spin would take minutes of GIL hand-offs.
        with lock:
            count[0] += 1
            if count[0] == args.threads:
                all_ready.set()
        go.wait()

    def worker():
        # A thread's own frames are Thread._bootstrap, _bootstrap_inner, run and worker: keep the total ~depth.
        descend(max(1, args.depth - 4), one_ready)

    threads = [threading.Thread(target=worker, name="busy-%d" % i, daemon=True) for i in range(args.threads)]
    for t in threads:
        t.start()
    all_ready.wait()
    go.set()
    report()
    threading.Event().wait()  # the main thread idles for ever


def report():
    print("READY " + json.dumps({"pid": os.getpid(), "threads": threading.active_count(),
                                 "version": sys.version.split()[0]}), flush=True)


if __name__ == "__main__":
    main()
