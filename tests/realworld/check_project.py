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

With --tests N it also runs a sample of N test files of the project's own test
suite, each in a fresh interpreter, on a second untouched copy and on the
rewritten one; every file must give the same outcome (passed or failed, and the
same number of passed, failed, errored, skipped tests) on both. The sample is a
fixed set of core test files, then the tests/test_X.py of each rewritten X.py,
smallest first. Only SymPy's runner is known (run_test_file.py, no pytest
needed); a project that ships no tests/test_*.py says so and runs nothing
(Debian's python3-django does not ship Django's test suite).

usage: check_project.py --decycle BUILD/decycle [--python /usr/bin/python3]
                        [--jobs N] [--keep DIR] [--tests N] PROJECT_DIR
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

RUN_TEST_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "run_test_file.py")

# The projects whose test suite --tests can run (with run_test_file.py), and
# the fixed part of the sample, run whatever decycle rewrites: the tests of
# SymPy's core, and of the modules decycle rewrites in SymPy 1.11 that have no
# tests/test_X.py of their own (core/add.py, core/mul.py, factorials.py,
# residue_ntheory.py, intervalmath, the array conversions, diagram_drawing.py).
# Each took 3 to 25 s here (2 cores, busy); test_sums_products.py (summations.py,
# 160 s) and assumptions' test_query.py (ask_generated.py, 80 s) are too slow for it.
CORE_TESTS = {
    "sympy": [
        "core/tests/test_basic.py", "core/tests/test_arit.py", "core/tests/test_expr.py",
        "core/tests/test_function.py", "core/tests/test_power.py", "core/tests/test_sympify.py",
        "core/tests/test_numbers.py", "core/tests/test_symbol.py",
        "functions/combinatorial/tests/test_comb_factorials.py", "ntheory/tests/test_residue.py",
        "plotting/intervalmath/tests/test_intervalmath.py",
        "plotting/intervalmath/tests/test_interval_functions.py",
        "tensor/array/expressions/tests/test_convert_array_to_indexed.py",
        "tensor/array/expressions/tests/test_convert_index_to_array.py",
        "categories/tests/test_drawing.py",
    ],
}


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


def pick_tests(tree, name, changed, count):
    """(up to count test files, paths relative to tree, of the project's own
    suite: CORE_TESTS, then the tests of the changed files, smallest first;
    the number of test files in the suite). (None, 0) if the project ships no
    tests/test_*.py."""
    suite = set()
    for dirpath, dirnames, filenames in os.walk(tree):
        dirnames[:] = [d for d in dirnames if d != "__pycache__"]
        if os.path.basename(dirpath) == "tests":
            suite.update(os.path.relpath(os.path.join(dirpath, f), tree)
                         for f in filenames if f.startswith("test_") and f.endswith(".py"))
    if not suite:
        return None, 0
    # X/Y.py is tested by X/tests/test_Y.py, when there is one (and a rewritten
    # test file by itself)
    own = {os.path.join(os.path.dirname(f), "tests", "test_" + os.path.basename(f)) for f in changed}
    own |= set(changed)
    own = sorted(own & suite, key=lambda f: (os.path.getsize(os.path.join(tree, f)), f))
    sample = [f for f in CORE_TESTS.get(name, []) if f in suite]
    sample += [f for f in own if f not in sample]
    return sample[:count], len(suite)


def run_tests(python, root_parent, name, files, jobs):
    """{test file: (outcome, {outcome: count}, [[test, outcome], ...])}, each file
    run by run_test_file.py in a fresh python with root_parent first on sys.path.
    outcome is passed, failed (some test failed or errored), or why no result came."""
    env = dict(os.environ, PYTHONPATH=root_parent, PYTHONDONTWRITEBYTECODE="1",
               PYTHONHASHSEED="0")   # the same set and dict orders on both runs

    def one(f):
        try:
            p = subprocess.run([python, "-B", RUN_TEST_FILE, root_parent, name, os.path.join(root_parent, name, f)],
                               cwd=root_parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               timeout=900)
        except subprocess.TimeoutExpired:
            return f, ("timed out after 900 s", {}, [])
        lines = p.stdout.decode("utf-8", "replace").splitlines()
        if p.returncode == 3:   # run_test_file.py found the installed project, not the copy
            return f, ("wrong copy: " + (lines[-1] if lines else ""), {}, [])
        if p.returncode != 0 or not lines or not lines[-1].startswith("DECYCLE-RESULT "):
            err = (p.stdout + p.stderr).decode("utf-8", "replace").strip().splitlines()
            return f, (f"no result (exit {p.returncode}): {err[-1] if err else ''}", {}, [])
        result = json.loads(lines[-1][len("DECYCLE-RESULT "):])
        counts = result["counts"]
        outcome = "failed" if counts.get("failed") or counts.get("error") else "passed"
        return f, (outcome, counts, result["tests"])

    # the biggest files first, so that no long one is left running alone at the end
    files = sorted(files, key=lambda f: -os.path.getsize(os.path.join(root_parent, name, f)))
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        return dict(pool.map(one, files))


def test_figures(results):
    """'P passed, F failed, E errors, S skipped or xfail' summed over results."""
    total = {}
    for _, counts, _ in results.values():
        for k, v in counts.items():
            total[k] = total.get(k, 0) + v
    return (f"{total.get('passed', 0)} passed, {total.get('failed', 0)} failed, {total.get('error', 0)} errors, "
            f"{total.get('skipped', 0) + total.get('xfailed', 0) + total.get('xpassed', 0)} skipped or xfail")


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
    ap.add_argument("--tests", type=int, default=0, metavar="N",
                    help="also run N test files of the project's own suite before and after")
    ap.add_argument("project")
    opts = ap.parse_args()
    decycle = os.path.abspath(opts.decycle)
    scratch = tempfile.mkdtemp(prefix="decycle-realworld-")
    name = os.path.basename(os.path.normpath(opts.project))
    tree = os.path.join(scratch, name)
    shutil.copytree(opts.project, tree, symlinks=True,
                    ignore=shutil.ignore_patterns("__pycache__"))
    # --tests runs the "before" tests on a second copy that --apply never touches
    original = os.path.join(scratch, "original")
    if opts.tests:
        shutil.copytree(tree, os.path.join(original, name), symlinks=True)
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
        snapshot_of_original = snapshot(os.path.join(original, name)) if opts.tests else {}
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
        if opts.tests:
            changed = [f for f, data in applied.items() if snapshot_of_original.get(f) != data]
            sample, suite = pick_tests(tree, name, changed, opts.tests)
            if sample is None:
                print(f"  tests: {name} has no test suite installed (no tests/test_*.py in it): nothing run")
            elif name not in CORE_TESTS:
                failures.append(f"--tests: no runner known for {name}'s test suite (only SymPy's)")
            else:
                start = time.perf_counter()
                tests_before = run_tests(opts.python, original, name, sample, opts.jobs)
                before_s = time.perf_counter() - start
                start = time.perf_counter()
                tests_after = run_tests(opts.python, scratch, name, sample, opts.jobs)
                after_s = time.perf_counter() - start
                for f in sample:
                    b, a = tests_before[f], tests_after[f]
                    for outcome, _, _ in (b, a):
                        if outcome.startswith("wrong copy"):
                            failures.append(f"tests: {f}: {outcome}")
                    if b != a:
                        # name the tests whose outcome changed
                        moved = [f"{t}: {x} -> {y}" for (t, x), (_, y) in zip(b[2], a[2]) if x != y]
                        failures.append(f"tests: {f}: {b[0]} {b[1]} before, {a[0]} {a[1]} after"
                                        + "".join(f"\n    {m}" for m in moved[:10]))
                failing = [f for f in sample if tests_before[f][0] != "passed"]
                core = [f for f in sample if f in CORE_TESTS[name]]
                print(f"  tests: {len(sample)} of {suite} test files ({len(core)} core, "
                      f"{len(sample) - len(core)} for rewritten files), each in a fresh {opts.python}")
                print(f"    before: {test_figures(tests_before)}; {before_s:.0f} s")
                print(f"    after:  {test_figures(tests_after)}; {after_s:.0f} s")
                print(f"    files not passing before: "
                      f"{', '.join(f'{f} ({tests_before[f][0]})' for f in failing) or 'none'}")
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
