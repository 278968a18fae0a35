"""A stack that changes every few microseconds, partly through C calls, for swiftspy's torn-read test.

    python fast_stacks.py [seconds]

Recurses to depths from 1 to 30 and back, over and over; every fifth level calls the next through `map` (a C
function), so on 3.12+ the interpreter pushes its entry shim there. A sampler that does not pause the target
reads these frames while they are being pushed and popped. Prints `READY` once the loop runs, then runs for
`seconds` (default 60).
"""
import sys
import time


def step(depth):
    if depth <= 0:
        return 0
    if depth % 5 == 0:
        return sum(map(step, (depth - 1,)))
    return step(depth - 1) + 1


def main(seconds):
    end = time.time() + seconds
    sys.stdout.write("READY\n")
    sys.stdout.flush()
    while time.time() < end:
        for depth in range(1, 31):
            step(depth)


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 60)
