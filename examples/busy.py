"""A small program to profile: three functions with known shares of the time, and an idle thread.

Runs for the number of seconds given as its first argument (default 60).
"""
import sys
import threading
import time


def parse(deadline):
    total = 0
    while time.time() < deadline:
        total += sum(i * i for i in range(200))
    return total


def render(deadline):
    text = ""
    while time.time() < deadline:
        text = "-".join(str(i) for i in range(100))
    return text


def step():
    start = time.time()
    parse(start + 0.006)
    render(start + 0.009)
    time.sleep(0.001)


def wait_for_work(stop):
    stop.wait()


def main(seconds):
    stop = threading.Event()
    waiter = threading.Thread(target=wait_for_work, args=(stop,), name="waiter")
    waiter.start()
    end = time.time() + seconds
    while time.time() < end:
        step()
    stop.set()
    waiter.join()


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 60)
