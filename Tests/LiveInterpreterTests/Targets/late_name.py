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


def busy(me):
    deadline = time.time() + 0.7
    while time.time() < deadline:
        sum(range(100))
    threading._active[_thread.get_ident()] = me
    registered.append(True)
    while True:
        sum(range(100))


if __name__ == "__main__":
    # Made here, not in the busy thread: Thread() asks current_thread() for its daemon flag, which in a thread
    # threading does not know registers a "Dummy-1" under its ident, and a lookup in that instant would see that
    # name (3.15 was once caught so) instead of none and then the real one.
    late = threading.Thread(name="late-name")
    _thread.start_new_thread(busy, (late,))
    sys.stdout.write("READY\n")
    sys.stdout.flush()
    while True:
        time.sleep(1)
