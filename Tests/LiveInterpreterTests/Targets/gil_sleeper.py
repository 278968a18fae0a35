# A thread that holds the GIL while the kernel has it asleep: ctypes.PyDLL calls C without releasing the GIL,
# so usleep blocks the whole interpreter (as a C extension that forgets to release it would). The main thread
# sleeps in time.sleep with the GIL released. Prints READY once the holder is in its loop.
import ctypes
import sys
import threading
import time

started = threading.Event()


def hold_gil_asleep():
    libc = ctypes.PyDLL(None)
    started.set()
    while True:
        libc.usleep(200000)
        # A moment without the GIL, so that other threads get to run (2.7's GIL hands itself over to no one).
        time.sleep(0.001)


threading.Thread(target=hold_gil_asleep, name="gil-sleeper").start()
started.wait()
sys.stdout.write("READY\n")
sys.stdout.flush()
time.sleep(10 ** 6)
