# A process whose only Python stack cannot be read: it overwrites the link from its innermost frame to the
# caller's with an unmapped address, then sleeps in that frame forever (it never returns, so the interpreter
# never follows the link; the collector is off, so nothing else does either). Every sample of it fails, which is
# what `record` must report as a failure rather than an empty success.
#
# The link is found, not assumed: on 2.7-3.10 it is the word of the frame object (`f_back`) that holds the
# caller's frame object; from 3.11 on, the word of the interpreter frame (`previous`) that holds the caller's
# interpreter frame, whose address is the frame object's `f_frame` (the word after `f_back`). Prints READY.
import ctypes
import gc
import sys
import sysconfig
import time

WORDS = 32
UNMAPPED = 8  # the first page is never mapped


# A free-threaded build's object header is four words, not two, so `f_frame` is two words further on.
HEADER_WORDS = 4 if sysconfig.get_config_var("Py_GIL_DISABLED") else 2


def record_of(frame):
    if sys.version_info >= (3, 11):
        word = ctypes.sizeof(ctypes.c_void_p)
        return ctypes.c_void_p.from_address(id(frame) + (HEADER_WORDS + 1) * word).value
    return id(frame)


def break_my_link():
    me, caller = sys._getframe(), sys._getframe(1)
    words = (ctypes.c_void_p * WORDS).from_address(record_of(me))
    link = [index for index in range(WORDS) if words[index] == record_of(caller)]
    if len(link) != 1:
        sys.stderr.write("cannot find the link to the caller's frame: %r\n" % (link,))
        sys.exit(3)
    words[link[0]] = UNMAPPED
    sys.stdout.write("READY\n")
    sys.stdout.flush()
    while True:
        time.sleep(1)


def main():
    gc.disable()
    break_my_link()


if __name__ == "__main__":
    main()
