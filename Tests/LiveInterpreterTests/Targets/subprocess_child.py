# Started by spawner.py through `sh -c "exec python ..."`.
import os
import sys
import time


def shell_child_func():
    sys.stdout.write("CHILD-READY shell %d\n" % os.getpid())
    sys.stdout.flush()
    time.sleep(10 ** 6)


shell_child_func()
