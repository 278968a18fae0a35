# A thread parked at the bottom of a deep recursion, beside an ordinary parked main thread (issue 13.2: a stack
# of any depth the interpreter reaches must be dumped whole, and must not cost the other threads).
#
# Usage: python deep_stack.py DEPTH. The recursing thread calls `descend` DEPTH + 1 times and waits on an Event
# at the bottom. Python-to-Python calls recurse in C up to 3.10, so that thread gets a large C stack
# (threading.stack_size); from 3.11 on they do not, and only the recursion limit needs raising. Prints one line
# of JSON once the bottom is reached: the pid, the depth and both thread idents.
import json
import os
import sys
import threading


def descend(remaining, bottom, hold):
    if remaining == 0:
        bottom.set()
        hold.wait()
        return
    descend(remaining - 1, bottom, hold)


def main():
    depth = int(sys.argv[1])
    sys.setrecursionlimit(depth + 1000)
    threading.stack_size(1 << 30 if sys.version_info < (3, 11) else 0)
    bottom, hold = threading.Event(), threading.Event()
    deep = threading.Thread(target=descend, args=(depth, bottom, hold), name="deep")
    deep.daemon = True
    deep.start()
    bottom.wait()
    report = {"pid": os.getpid(), "depth": depth, "deep": deep.ident, "main": threading.current_thread().ident}
    sys.stdout.write(json.dumps(report) + "\n")
    sys.stdout.flush()
    hold.wait()


if __name__ == "__main__":
    main()
