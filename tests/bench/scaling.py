#!/usr/bin/env python3
"""How decycle's time grows with the size of one file in a cycle (issue 5).

Writes projects whose module app/big.py is SIZE MB of a repeated chunk of
ordinary code (imports, a logger, a literal dict constant, functions, a class
with a class attribute) between two imports that close cycles with
app/small.py and app/tail.py, for SIZE = BASE, 2 BASE, 4 BASE; times the
report (`decycle --no-cache -j 2`, which plans a cut in big.py, so the plan
parses it and analyses its names and constants) and prints the medians and
the ratio of each size to the one before:

  time(2 S) / time(S)        target <= 2.5 (linear: 2)

The plan's name analysis was quadratic in the number of constants and
imported names (a 100 MB file did not finish in 300 s); this catches that.

usage: scaling.py --decycle BUILD/decycle [--base MB] [--runs N] [--check]
Standard library only.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

CHUNK = '''

import logging
from collections import OrderedDict

LOG_{n} = logging.getLogger(__name__)
DEFAULTS_{n} = {{"retries": 3, "timeout": 2.5, "name": "worker-{n}"}}


def parse_record_{n}(line, sep=","):
    """Splits one CSV line into a record."""
    fields = [f.strip() for f in line.split(sep)]
    if len(fields) < 3:
        raise ValueError("short record: %r" % (line,))
    return {{"id": int(fields[0]), "name": fields[1], "tags": fields[2:]}}


class Cache{n}(object):
    """A small LRU cache."""

    limit = 128

    def __init__(self, limit=None):
        self.items = OrderedDict()
        if limit is not None:
            self.limit = limit

    def put(self, key, value):
        self.items.pop(key, None)
        self.items[key] = value
        while len(self.items) > self.limit:
            self.items.popitem(last=False)
        LOG_{n}.debug("cache size %d", len(self.items))
'''


def write_project(root, size_mb):
    app = os.path.join(root, "app")
    os.makedirs(app)
    open(os.path.join(app, "__init__.py"), "w").close()
    with open(os.path.join(app, "small.py"), "w") as f:
        f.write("from app.big import parse_record_0\n\n\ndef first(lines):\n    return parse_record_0(lines[0])\n")
    with open(os.path.join(app, "tail.py"), "w") as f:
        f.write("from app.big import Cache0\n\nTAIL = Cache0\n")
    with open(os.path.join(app, "big.py"), "w") as f:
        f.write('"""A generated module of repeated ordinary code."""\nfrom app import small\n')
        n = written = 0
        while written < size_mb * 1e6:
            s = CHUNK.format(n=n)
            f.write(s)
            written += len(s)
            n += 1
        f.write("\n\nfrom app.tail import TAIL\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--decycle", required=True)
    ap.add_argument("--base", type=float, default=4)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--check", action="store_true")
    opts = ap.parse_args()
    sizes = [opts.base, 2 * opts.base, 4 * opts.base]
    medians = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            root = os.path.join(tmp, f"p{size:g}")
            write_project(root, size)
            times = []
            for _ in range(opts.runs):
                start = time.monotonic()
                p = subprocess.run([opts.decycle, "--no-cache", "-j", "2", root], stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL)
                times.append(time.monotonic() - start)
                if p.returncode != 1 or b"cut:" not in p.stdout:
                    print(f"{size:g} MB: expected a cycle with a cut (exit {p.returncode})", file=sys.stderr)
                    return 2
            medians.append(statistics.median(times))
            shutil.rmtree(root)
    missed = False
    for i, size in enumerate(sizes):
        line = f"{size:6g} MB: {medians[i]:7.2f} s (median of {opts.runs})"
        if i:
            ratio = medians[i] / medians[i - 1]
            ok = ratio <= 2.5
            missed |= not ok
            line += f", {ratio:.2f}x the size before (target <= 2.5) {'ok' if ok else 'MISSED'}"
        print(line)
    return 1 if opts.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
