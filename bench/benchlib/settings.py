"""Paths, tool versions and the settings of the two modes (full and --quick)."""

import os
import re


HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # bench/
REPO = os.path.dirname(HERE)
WORKLOADS = os.path.join(HERE, "workloads")
VENV = os.path.join(HERE, ".venv")
PYSPY_VERSION = "0.4.1"
AUSTIN_DIST_VERSION = "3.7.0"  # austin-dist 3.7.0 ships the austin 3.7.0 binary (4.0.0 ships Austin 4)
MAX_RATE = 1_000_000  # "as fast as you can" for the tools that take a rate
TICK = os.sysconf("SC_CLK_TCK")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

# ---------------------------------------------------------------------------------------------------------------
# Settings for the two modes. Durations are whole seconds (py-spy and Austin only take whole seconds).

FULL = dict(
    rate_seconds=10,          # each highest-rate recording
    cost_seconds=10,          # each 1 kHz recording for the cost of one sample
    slowdown_seconds=2.0,     # unprofiled wall time of the fixed work
    slowdown_reps=3,
    dump_runs=20,
    memory_seconds=60,
    accuracy_seconds=20,      # at 100 Hz: ~2000 samples
    accuracy_max_seconds=5,   # at the highest rate
)
QUICK = dict(
    rate_seconds=2,
    cost_seconds=2,
    slowdown_seconds=0.5,
    slowdown_reps=2,
    dump_runs=5,
    memory_seconds=10,
    accuracy_seconds=3,
    accuracy_max_seconds=2,
)
MEMORY_REFERENCE_SECONDS = 60
MEASUREMENTS = ["rate", "cost", "slowdown", "dump", "memory", "accuracy"]
TOOL_KEYS = ["swiftspy", "py-spy", "austin"]
