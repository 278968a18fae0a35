# Thousands of threads, each parked on one Event (issue 12.6: a process with more threads than any fixed cap,
# 4,096 before, must be dumped with every thread). Small thread stacks keep the memory down.
#
# Usage: python many_threads.py COUNT. Prints one line of JSON once every thread has started: the pid and the
# idents of all threads, the main thread's included.
import json
import os
import sys
import threading


def main():
    count = int(sys.argv[1])
    threading.stack_size(64 * 1024)
    hold = threading.Event()
    threads = [threading.Thread(target=hold.wait, name="parked-%d" % index) for index in range(count)]
    for thread in threads:
        thread.daemon = True
        thread.start()
    idents = [threading.current_thread().ident] + [thread.ident for thread in threads]
    sys.stdout.write(json.dumps({"pid": os.getpid(), "idents": idents}) + "\n")
    sys.stdout.flush()
    hold.wait()


if __name__ == "__main__":
    main()
