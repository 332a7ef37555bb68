#!/usr/bin/env python3
"""Prove decycle's rewrite on a real installed project that nobody here wrote.

The project folder (e.g. /usr/lib/python3/dist-packages/django) is copied to a
scratch folder; every module of it is imported, each in a fresh interpreter,
before and after `decycle --apply`. The check fails when:
  - a module that imported before fails after;
  - --apply exits with anything but 0 or 3, or a second --apply changes a file;
  - decycle still finds a cycle it could break (--diff on the result is not
    empty).
It prints the figures: modules, cycles, edges cut, lines changed, time.

usage: check_project.py --decycle BUILD/decycle [--python /usr/bin/python3]
                        [--jobs N] [--keep DIR] PROJECT_DIR
PROJECT_DIR is the package folder itself; its parent goes on sys.path.
"""
import argparse
import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time


def import_all(python, root_parent, modules, jobs):
    """{module: (ok, last line of stderr)}; each import in a fresh python."""
    env = dict(os.environ, PYTHONPATH=root_parent, PYTHONDONTWRITEBYTECODE="1")

    def one(m):
        p = subprocess.run([python, "-B", "-c", "import importlib, sys; importlib.import_module(sys.argv[1])", m],
                           cwd=root_parent, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)
        lines = p.stderr.decode("utf-8", "replace").strip().splitlines()
        return m, (p.returncode == 0, lines[-1] if lines else "")

    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        return dict(pool.map(one, modules))


def snapshot(root):
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d != "__pycache__"]
        for name in filenames:
            path = os.path.join(dirpath, name)
            if not os.path.islink(path):
                with open(path, "rb") as f:
                    out[os.path.relpath(path, root)] = f.read()
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--decycle", required=True)
    ap.add_argument("--python", default="/usr/bin/python3")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--keep")
    ap.add_argument("project")
    opts = ap.parse_args()
    decycle = os.path.abspath(opts.decycle)
    scratch = tempfile.mkdtemp(prefix="decycle-realworld-")
    name = os.path.basename(os.path.normpath(opts.project))
    tree = os.path.join(scratch, name)
    shutil.copytree(opts.project, tree, symlinks=True,
                    ignore=shutil.ignore_patterns("__pycache__"))
    failures = []
    try:
        report = json.loads(subprocess.run([decycle, "--format", "json", tree], stdout=subprocess.PIPE,
                                           stderr=subprocess.DEVNULL).stdout)
        modules = [m["name"] for m in report["modules"] if m["path"].endswith(".py")]
        before = import_all(opts.python, scratch, modules, opts.jobs)
        start = time.perf_counter()
        p = subprocess.run([decycle, "--apply", tree], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
        if p.returncode not in (0, 3):
            failures.append(f"--apply exited {p.returncode}: {p.stderr.decode(errors='replace')[-800:]}")
        applied = snapshot(tree)
        after = import_all(opts.python, scratch, modules, opts.jobs)
        for m in modules:
            if before[m][0] and not after[m][0]:
                failures.append(f"{m} imported before and fails after: {after[m][1]}")
        fixed = [m for m in modules if not before[m][0] and after[m][0]]
        diff = subprocess.run([decycle, "--diff", tree], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        if diff.stdout:
            failures.append("decycle --diff on the result is not empty: a breakable cycle is left")
        again = subprocess.run([decycle, "--apply", tree], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if snapshot(tree) != applied or again.returncode not in (0, 3):
            failures.append("a second --apply changed the tree")
        plan = report.get("plan", [])
        print(f"{name}: {len(modules)} modules, {len(report['cycles'])} cycles, "
              f"{sum(len(c['modules']) for c in report['cycles'])} modules in cycles")
        print(f"  cut {len(plan)} edges, {sum(e['lines_changed'] for e in plan)} lines changed, "
              f"{len(report.get('unbreakable', []))} unbreakable cycles left; --apply took {elapsed:.2f} s "
              f"(exit {p.returncode})")
        print(f"  imports: {sum(ok for ok, _ in before.values())} of {len(modules)} before, "
              f"{sum(ok for ok, _ in after.values())} after; fixed: {', '.join(fixed) or 'none'}")
    finally:
        if opts.keep:
            shutil.rmtree(opts.keep, ignore_errors=True)
            shutil.copytree(scratch, opts.keep, symlinks=True)
        shutil.rmtree(scratch, ignore_errors=True)
    for f in failures:
        print(f"FAIL {f}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
