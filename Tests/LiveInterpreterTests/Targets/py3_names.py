# -*- coding: utf-8 -*-
"""Python-3-only parkers: identifiers outside ASCII (PEP 3131) are a syntax error on 2.7, so park_threads.py
imports this module only on Python 3. A non-ASCII `co_name` checks that swiftspy decodes compact non-ASCII
strings rather than assuming Latin-1 or ASCII. (A 4-byte name is impossible: identifiers are NFKC-normalised,
which folds letters such as U+1D530 back to ASCII; the 4-byte case is covered by a thread name instead.)
"""
import time

#: Long enough to outlive any test run; the harness kills the process.
FOREVER = 10 ** 6


def schläfer_λ_睡眠(registry):
    """Latin-1, Greek and CJK in one name: the string's kind is 2-byte UCS-2."""
    registry.arrive()
    time.sleep(FOREVER)  # PARK



#: (thread name, parker) pairs that park_threads.py adds on Python 3.
THREADS = [
    (u"schläfer", schläfer_λ_睡眠),
]
