#!/usr/bin/env python3
"""The plan's memo on real code (ctest: differential/memo).

Copies a corpus, fills a scratch cache, then edits files of its cycles one
after the other (a comment appended, an import added at the top, a blank
line inserted, an import statement replaced by `pass`, at the end of a file
a use of a name that the import of a cut edge binds, which the cut's
verdict depends on, and at the end of a module an assignment to a name that
a kept edge imports from it, which the config-module strategy looks for: the
tree drifts from edit to edit)
and after each edit compares a cached run (which replays the verdicts the
edit did not touch) with a --no-cache run, for the text report and JSON.
Any difference fails.

usage: memo_test.py --decycle DECYCLE [--edits N] CORPUS
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

EDITS = ("comment", "import at the top", "blank line", "import replaced", "use at import time", "assignment")


def cut_import(plan, rng):
    """A file and a name its import binds, for a cut edge of `plan` (the
    JSON report's) whose site is `from X import NAME, ...`; or None."""
    sites = [s for cut in plan for s in cut["sites"]
             if s["statement"].startswith("from ") and " import " in s["statement"] and "(" not in s["statement"]]
    if not sites:
        return None
    site = rng.choice(sites)
    name = site["statement"].split(" import ")[1].split(",")[0].split(" as ")[-1].strip()
    return (site["path"], name) if name.isidentifier() else None


def kept_import(report, path_of, rng):
    """The file of the module a kept edge of `report` imports from, and a
    name the edge's `from X import NAME, ...` site imports; or None."""
    found = [(path_of[e["to"]], s["statement"].split(" import ")[1].split(",")[0].split(" as ")[0].strip())
             for e in report["edges"] if e.get("obligatory") and path_of.get(e["to"], "").endswith(".py")
             for s in e["sites"] if s["statement"].startswith("from ") and " import " in s["statement"]]
    found = [f for f in found if f[1].isidentifier()]
    return rng.choice(found) if found else None


def edit(path, kind, i, rng, name=None):
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        text = f.read()
    lines = text.split("\n")
    if kind == "comment":
        text += f"# edit {i}\n"
    elif kind == "import at the top":
        text = f"import os as _os_{i}\n" + text
    elif kind == "blank line":
        lines.insert(rng.randrange(len(lines)), "")
        text = "\n".join(lines)
    elif kind == "use at import time":
        text += f"\n{name}  # edit {i}\n"
    elif kind == "assignment":
        text += f"\n{name} = 0  # edit {i}\n"
    else:
        imports = [k for k, line in enumerate(lines)
                   if line.startswith(("from ", "import ")) and not line.rstrip().endswith(("(", "\\", ","))]
        if imports:
            lines[rng.choice(imports)] = "pass"
        text = "\n".join(lines)
    with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--decycle", required=True)
    ap.add_argument("--edits", type=int, default=10)
    ap.add_argument("corpus")
    opts = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="decycle-memo-") as tmp:
        corpus = os.path.join(tmp, os.path.basename(opts.corpus.rstrip("/")))
        shutil.copytree(opts.corpus, corpus, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
        env = dict(os.environ, DECYCLE_CACHE_DIR=os.path.join(tmp, "cache"))

        def run(*args, cache=True):
            cmd = [opts.decycle, "-j", "2"] + ([] if cache else ["--no-cache"]) + list(args) + [corpus]
            p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=900)
            return p.stdout, p.stderr, p.returncode

        report = json.loads(run("--format", "json", cache=False)[0])
        path_of = {m["name"]: m["path"] for m in report["modules"]}
        in_cycles = sorted({path_of[m] for c in report["cycles"] for m in c["modules"] if path_of[m].endswith(".py")})
        if not in_cycles:
            print(f"memo_test: {opts.corpus} has no cycle")
            return 1
        run(), run("--format", "json")
        rng = random.Random(5)
        failures = 0
        for i in range(opts.edits):
            rel, kind, name = rng.choice(in_cycles), EDITS[i % len(EDITS)], None
            if kind == "use at import time":
                found = cut_import(report["plan"], rng)
                if not found:
                    continue
                rel, name = found
            if kind == "assignment":
                found = kept_import(report, path_of, rng)
                if not found:
                    continue
                rel, name = found
            edit(os.path.join(corpus, rel), kind, i, rng, name)
            for fmt in ([], ["--format", "json"]):
                cached, uncached = run(*fmt), run(*fmt, cache=False)
                same = cached == uncached
                failures += not same
                print(f"{'ok  ' if same else 'FAIL'} {kind}: {rel} {' '.join(fmt)}")
            report = json.loads(uncached[0])
        print(f"memo_test: {failures} failed" if failures else "memo_test: all passed")
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
