# A busy thread that `threading` learns about only a while after it started (as every thread is, for a moment:
# it is in the interpreter's thread list before `threading._active`): started with the low-level thread module,
# it registers a Thread object under its ident 0.7 s after READY. A profiler that looked its name up once, while
# it had none, never shows the name.
import sys
import threading
import time

try:
    import _thread
except ImportError:  # Python 2
    import thread as _thread

registered = []


def busy():
    deadline = time.time() + 0.7
    while time.time() < deadline:
        sum(range(100))
    me = threading.Thread(name="late-name")
    threading._active[_thread.get_ident()] = me
    registered.append(True)
    while True:
        sum(range(100))


if __name__ == "__main__":
    _thread.start_new_thread(busy, ())
    sys.stdout.write("READY\n")
    sys.stdout.flush()
    while True:
        time.sleep(1)
