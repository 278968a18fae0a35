# One thread spins (holds the GIL, runs on a CPU); the main thread sleeps. Prints READY once the spinner runs.
import sys
import threading
import time

started = threading.Event()


def spin():
    started.set()
    while True:
        pass


def sleep_forever():
    time.sleep(10 ** 6)


threading.Thread(target=spin, name="spinner").start()
started.wait()
sys.stdout.write("READY\n")
sys.stdout.flush()
sleep_forever()
