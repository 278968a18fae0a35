"""The benchmark harness behind bench/run.py, by part: settings, process management, profile parsing, the
tools and one recording, one module per measurement, and the markdown tables."""
