"""Compiles, runs and frees a fresh function every couple of milliseconds, for swiftspy's exact-label test.

    python code_churn.py [seconds]

Each round compiles (with exec) a module defining one function with a unique name, `churn_F<file>_L<line>`,
whose source sits in the made-up file `gen_<file>.py` with its `def` on line <line>. It is called through the
long-lived `run_gen_<file>` and spins for about 1.5 ms; then the module, its namespace and the function are
dropped, so their code objects are freed and a later round's are often allocated at the same addresses. So the
only possible stacks are: `churn_F<f>_L<l>` directly under `run_gen_<f>`, in `gen_<f>.py` at lines <l> to
<l>+3; and a `gen_*.py` frame named `<module>` directly under `churn` (the exec of the definition). A label
left over from an earlier function at the same address shows the wrong file number under its dispatcher.
Prints `READY` once the loop runs, then runs for `seconds` (default 60).
"""
import sys
import time

timer = getattr(time, "perf_counter", time.time)

FILES = 5
LINES = 11

BODY = (
    "def {name}():\n"
    "    deadline = timer() + 0.0015\n"
    "    while timer() < deadline:\n"
    "        pass\n"
)


def run_gen_0(function):
    function()


def run_gen_1(function):
    function()


def run_gen_2(function):
    function()


def run_gen_3(function):
    function()


def run_gen_4(function):
    function()


DISPATCHERS = [run_gen_0, run_gen_1, run_gen_2, run_gen_3, run_gen_4]


def churn(round_number):
    # Files and lines cycle with coprime periods, so consecutive functions differ in name, file and line.
    file_number = round_number % FILES
    line = 1 + (round_number % LINES) * 4
    name = "churn_F%d_L%d" % (file_number, line)
    source = "\n" * (line - 1) + BODY.format(name=name)
    namespace = {"timer": timer}
    exec(compile(source, "gen_%d.py" % file_number, "exec"), namespace)
    DISPATCHERS[file_number](namespace[name])


def main(seconds):
    end = time.time() + seconds
    round_number = 0
    churn(round_number)
    sys.stdout.write("READY\n")
    sys.stdout.flush()
    while time.time() < end:
        round_number += 1
        churn(round_number)


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 60)
