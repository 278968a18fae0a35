# Starts two child Python processes when told to (a line on stdin): one through multiprocessing, one through a
# shell that execs Python. Every process prints a line once it is parked, so tests need no sleeps.
import multiprocessing
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def say(text):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def mp_child_func():
    say("CHILD-READY mp %d" % os.getpid())
    time.sleep(10 ** 6)


def parent_waits():
    time.sleep(10 ** 6)


if __name__ == "__main__":
    say("READY %d" % os.getpid())
    sys.stdin.readline()
    # 3.14 made forkserver the default start method, which adds a forkserver and a resource tracker to the
    # tree; forking directly keeps the same three processes on every version.
    if hasattr(multiprocessing, "set_start_method"):
        multiprocessing.set_start_method("fork")
    worker = multiprocessing.Process(target=mp_child_func)
    worker.start()
    command = "exec '%s' -B -s '%s'" % (sys.executable, os.path.join(HERE, "subprocess_child.py"))
    shell = subprocess.Popen(["sh", "-c", command])
    say("SPAWNED %d %d" % (worker.pid, shell.pid))
    parent_waits()
