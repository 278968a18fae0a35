"""Recorded profiles and the parsers of each tool's output."""

import re


# ---------------------------------------------------------------------------------------------------------------
# Profiles: a list of (frames root..leaf, function names root..leaf, weight) per recorded thread-stack.

class Profile:
    def __init__(self):
        self.stacks = []        # (function names root->leaf, count, metric)
        self.count = 0          # thread-stacks recorded
        self.metric_total = 0
        self.max_depth = 0
        self.distinct = 0
        self.meta = {}

    def add(self, funcs, count, metric=None):
        self.stacks.append((funcs, count, metric))
        self.count += count
        if metric is not None:
            self.metric_total += metric
        self.max_depth = max(self.max_depth, len(funcs))


def parse_collapsed(path):
    """swiftspy / py-spy `-f raw`: `frame;frame;…;leaf COUNT`, a frame being `name (file:line)`."""
    prof = Profile()
    seen = set()
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            stack, _, count = line.rpartition(" ")
            try:
                n = int(count)
            except ValueError:
                continue
            frames = stack.split(";") if stack else []
            funcs = [fr.split(" (", 1)[0] for fr in frames]
            seen.add(stack)
            prof.add(funcs, n)
    prof.distinct = len(seen)
    return prof


def parse_austin(path):
    """Austin 3 collapsed samples: one line per thread per sample,
    `P<pid>;T<iid>:<tid>[;file:function:line]* METRIC`; in wall-time mode METRIC is the time (µs) the sample stands
    for. Header and footer lines start with `#` (the footer has `# duration: µs`)."""
    prof = Profile()
    seen = set()
    cache = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                m = re.match(r"#\s*([\w ]+):\s*(.*)", line)
                if m:
                    prof.meta[m.group(1).strip()] = m.group(2).strip()
                continue
            if not line.startswith("P"):
                continue
            stack, _, metric = line.rpartition(" ")
            try:
                w = int(metric.split(",")[0])
            except ValueError:
                stack, w = line, 0
            key = stack[stack.find(";", stack.find(";") + 1) + 1:] if stack.count(";") >= 2 else ""
            funcs = cache.get(key)  # one line per sample: the same stacks come back over and over
            if funcs is None:
                funcs = []
                for fr in key.split(";") if key else []:
                    bits = fr.rsplit(":", 2)
                    funcs.append(bits[1] if len(bits) == 3 else fr)
                cache[key] = funcs
            seen.add(key)
            prof.add(funcs, 1, w)
    prof.distinct = len(seen)
    return prof
