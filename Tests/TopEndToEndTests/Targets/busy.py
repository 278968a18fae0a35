"""A busy target for the `swiftspy top` end-to-end tests.

It burns CPU in a fixed call chain (`<module>` -> `recurse` x4 -> `middle` -> `leaf`) so that the screen has
known rows, with recursion to check that %Total counts a function once per sample. Arguments:
  --ready PATH      write our pid to PATH once running (the test waits for it: readiness, not sleeps)
  --chatter         print to stdout and stderr all the time (a launched target must not scribble on the view)
  --exit-after S    exit by itself after S seconds (to see `top` notice the target ending)
"""
import os
import sys
import time


def leaf():
    total = 0
    for i in range(20000):
        total += i * i
    return total


def middle():
    return leaf()


def recurse(depth):
    if depth == 0:
        return middle()
    return recurse(depth - 1)


def main():
    args = sys.argv[1:]
    ready = args[args.index("--ready") + 1] if "--ready" in args else None
    chatter = "--chatter" in args
    deadline = None
    if "--exit-after" in args:
        deadline = time.monotonic() + float(args[args.index("--exit-after") + 1])
    if ready:
        with open(ready + ".tmp", "w") as handle:
            handle.write(str(os.getpid()))
        os.rename(ready + ".tmp", ready)
    count = 0
    while deadline is None or time.monotonic() < deadline:
        recurse(3)
        count += 1
        if chatter and count % 20 == 0:
            print("CHATTER-STDOUT", count, flush=True)
            print("CHATTER-STDERR", count, file=sys.stderr, flush=True)


main()
