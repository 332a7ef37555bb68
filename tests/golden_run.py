#!/usr/bin/env python3
"""Run one golden case of decycle and compare every expected file.

A case is a folder golden/<category>/<name>/ holding README, args (CLI
arguments, one per line), input/ (the project) and the expectations:

  expected.report   stdout of `decycle ARGS input` (the human report)
  expected.json     stdout of `decycle ARGS --format json input`
  expected.exit     the exit status of both runs
  expected.stderr   stderr of the first run; absent means it must be empty
  expected.diff     stdout of `decycle ARGS --diff input`; absent means empty
  formats           optional: the extra report formats (github, sarif, dot),
                    one per line, whose expectations the case has:
  expected.FORMAT   stdout of `decycle ARGS --format FORMAT input`

Every case also runs --format github, sarif and dot: each must exit like the
text report, print the same stderr, and (sarif) print valid JSON.

When the diff is not empty, the case also proves the rewrite:
  round trip   `patch -p1` and `git apply` of expected.diff on a copy of the
               input, and `decycle --apply` on another, give the same tree;
               --apply exits 3 when the JSON report lists unbreakable
               cycles, else 0;
  fixed point  on the rewritten tree, --diff prints nothing and exits 0, and
               --apply changes nothing;
  CPython      every module of the project is imported in a fresh python3
               (-B, the roots on PYTHONPATH), in the original tree and in the
               rewritten one: each module that imported before still does;
               check.py, when the case has one, runs in both trees from the
               project root: it must succeed on the rewritten tree, and print
               the same as on the original where the original succeeded.

The input is copied to a scratch folder first, so that a run can never touch
the repository. Every decycle run is made with -j 1 and -j 4 without the
cache, then three times with a fresh cache (the first fills it, the second
replays it, the third runs again, once the recorded outputs are deleted, with
the scan and every file's facts from it), and all must print the same bytes. On a mismatch the difference is printed and the actual output is
kept in --work. A missing expected file is written from the actual output and
the case still fails, so nothing is approved unread; DECYCLE_UPDATE_GOLDEN=1
rewrites the expectations (read the git diff before committing them).

usage: golden_run.py --decycle BINARY --work DIR CASE_DIR
"""
import argparse
import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile


def run(decycle, args, cwd, jobs, tree="input"):
    """Runs decycle and returns (stdout, stderr, exit status) as bytes. Its
    cache is the folder `cache` next to the tree (never the user's)."""
    cmd = [decycle, "-j", str(jobs)] + args + [tree]
    env = dict(os.environ, DECYCLE_CACHE_DIR=os.path.join(cwd, "cache"))
    p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    return p.stdout, p.stderr, p.returncode


def snapshot(root):
    """{relative path: bytes} of every file under root."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d != "__pycache__"]
        for name in filenames:
            path = os.path.join(dirpath, name)
            with open(path, "rb") as f:
                out[os.path.relpath(path, root)] = f.read()
    return out


def tree_difference(a, b):
    """A short description of how two snapshots differ, or None."""
    if a == b:
        return None
    only = sorted(set(a) ^ set(b))
    changed = sorted(k for k in set(a) & set(b) if a[k] != b[k])
    return "files only on one side: %s; files that differ: %s" % (only[:5], changed[:5])


def python_env(root, roots):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(os.path.normpath(os.path.join(root, r)) for r in roots)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def imports(root, roots, modules):
    """{module: (ok, last line of stderr)} importing each in a fresh python3."""
    env = python_env(root, roots)
    out = {}
    for m in modules:
        p = subprocess.run(["python3", "-B", "-c", "import importlib, sys; importlib.import_module(sys.argv[1])", m],
                           cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60)
        err = p.stderr.decode("utf-8", "replace").strip().splitlines()
        out[m] = (p.returncode == 0, err[-1] if err else "")
    return out


def run_check(check_py, root, roots):
    p = subprocess.run(["python3", "-B", check_py], cwd=root, env=python_env(root, roots),
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def show_diff(name, expected, actual):
    lines = difflib.unified_diff(
        expected.decode("utf-8", "replace").splitlines(True),
        actual.decode("utf-8", "replace").splitlines(True),
        "expected/" + name, "actual/" + name)
    sys.stdout.writelines(lines)
    sys.stdout.write("\n")


class Case:
    def __init__(self, case_dir, work_dir):
        self.dir = case_dir
        self.work = work_dir
        self.update = os.environ.get("DECYCLE_UPDATE_GOLDEN") == "1"
        self.failures = []

    def path(self, name):
        return os.path.join(self.dir, name)

    def compare(self, name, actual, required=True):
        """Compares `actual` with the expected file `name` (absent = empty
        unless required)."""
        os.makedirs(self.work, exist_ok=True)
        with open(os.path.join(self.work, "actual." + name.split(".", 1)[1]), "wb") as f:
            f.write(actual)
        path = self.path(name)
        if not os.path.exists(path):
            if not required and not actual:
                return
            with open(path, "wb") as f:
                f.write(actual)
            if self.update:
                print(f"written {path}")
            else:
                self.failures.append(f"{name} was missing; written from the actual output: review it")
            return
        with open(path, "rb") as f:
            expected = f.read()
        if expected == actual:
            return
        if self.update:
            if not required and not actual:
                os.remove(path)
            else:
                with open(path, "wb") as f:
                    f.write(actual)
            print(f"updated {path}")
            show_diff(name, expected, actual)
            return
        self.failures.append(f"{name} differs")
        show_diff(name, expected, actual)


def prove_rewrite(case, decycle, args, tmp, diff, report_json):
    """Round trip, fixed point and CPython checks of a case with a diff."""
    report = json.loads(report_json)
    roots = report["roots"]
    modules = [m["name"] for m in report["modules"] if m["path"].endswith(".py")]
    original = snapshot(os.path.join(tmp, "input"))
    trees = {}
    for tool, cmd in (("patch", ["patch", "-p1", "--quiet", "--no-backup-if-mismatch"]),
                      ("git apply", ["git", "apply", "--whitespace=nowarn", "-"])):
        root = os.path.join(tmp, tool.replace(" ", "-"))
        shutil.copytree(os.path.join(tmp, "input"), root, symlinks=True)
        p = subprocess.run(cmd, cwd=root, input=diff, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if p.returncode != 0:
            case.failures.append(f"{tool} rejects the diff: {p.stdout.decode(errors='replace')[:500]}")
            return
        trees[tool] = snapshot(root)
    applied = os.path.join(tmp, "applied")
    shutil.copytree(os.path.join(tmp, "input"), applied, symlinks=True)
    _, err, rc = run(decycle, args + ["--apply"], tmp, 1, "applied")
    want_rc = 3 if report.get("unbreakable") else 0
    if rc != want_rc:
        case.failures.append(f"--apply exited {rc}, expected {want_rc}: {err.decode(errors='replace')[:500]}")
    trees["--apply"] = snapshot(applied)
    for tool in ("patch", "git apply"):
        d = tree_difference(trees[tool], trees["--apply"])
        if d:
            case.failures.append(f"{tool} and --apply give different trees: {d}")
    # Fixed point: nothing left to do.
    out, _, rc = run(decycle, args + ["--diff"], tmp, 1, "applied")
    if out or rc != 0:
        case.failures.append(f"--diff on the rewritten tree is not empty (exit {rc}):\n{out.decode(errors='replace')}")
    run(decycle, args + ["--apply"], tmp, 1, "applied")
    d = tree_difference(trees["--apply"], snapshot(applied))
    if d:
        case.failures.append(f"a second --apply changed the tree: {d}")
    # CPython: every module that imported before still does.
    before = imports(os.path.join(tmp, "input"), roots, modules)
    after = imports(applied, roots, modules)
    for m in modules:
        if before[m][0] and not after[m][0]:
            case.failures.append(f"module {m} imported before the rewrite and fails after: {after[m][1]}")
    fixed = [m for m in modules if not before[m][0] and after[m][0]]
    if fixed:
        print(f"modules that failed to import before and import now: {', '.join(fixed)}")
    if snapshot(os.path.join(tmp, "input")) != original:
        case.failures.append("running python3 changed the original tree")
    if os.path.exists(case.path("check.py")):
        rc0, out0 = run_check(case.path("check.py"), os.path.join(tmp, "input"), roots)
        rc1, out1 = run_check(case.path("check.py"), applied, roots)
        if rc1 != 0:
            case.failures.append(f"check.py fails on the rewritten tree:\n{out1[-1500:]}")
        elif rc0 == 0 and out0 != out1:
            case.failures.append("check.py prints something else on the rewritten tree")
            show_diff("check.py output", out0.encode(), out1.encode())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--decycle", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("case")
    opts = ap.parse_args()
    case = Case(os.path.abspath(opts.case), os.path.abspath(opts.work))
    decycle = os.path.abspath(opts.decycle)

    with open(case.path("args")) as f:
        args = [line.rstrip("\n") for line in f if line.rstrip("\n")]
    text_args = [a for a in args if a not in ("--format", "json", "text")]

    with tempfile.TemporaryDirectory(prefix="decycle-golden-") as tmp:
        shutil.copytree(case.path("input"), os.path.join(tmp, "input"), symlinks=True)
        results = {}
        extra_formats = ("github", "sarif", "dot")
        runs = [("report", []), ("json", ["--format", "json"]), ("diff", ["--diff"])]
        runs += [(f, ["--format", f]) for f in extra_formats]
        for label, extra in runs:
            out1, err1, rc1 = run(decycle, ["--no-cache"] + text_args + extra, tmp, 1)
            out4, err4, rc4 = run(decycle, ["--no-cache"] + text_args + extra, tmp, 4)
            if (out1, err1, rc1) != (out4, err4, rc4):
                case.failures.append(f"{label}: output with -j 4 differs from -j 1")
            # the first cached run fills the cache, the second replays it, the
            # third, once the recorded outputs are deleted, analyses again
            # with the scan, every file's facts and the plan's verdicts (the
            # memo, in reports) from the cache
            for attempt in ("cold", "warm", "facts-from-cache"):
                if attempt == "facts-from-cache":
                    for folder, _, names in os.walk(os.path.join(tmp, "cache")):
                        for name in names:
                            if name.startswith("run-"):
                                os.unlink(os.path.join(folder, name))
                if run(decycle, text_args + extra, tmp, 2) != (out1, err1, rc1):
                    case.failures.append(f"{label}: the {attempt} cached run differs from the uncached one")
            if rc1 < 0 or rc1 > 3:
                case.failures.append(f"{label}: decycle died (status {rc1}): {err1[-500:]!r}")
            results[label] = (out1, err1, rc1)
        if results["report"][2] != results["json"][2]:
            case.failures.append("text and JSON runs exit differently")
        for f in extra_formats:
            if results[f][1:] != results["report"][1:]:
                case.failures.append(f"--format {f}: exit status or stderr differ from the text report's")
        try:
            json.loads(results["sarif"][0])
        except ValueError as e:
            case.failures.append(f"--format sarif does not print JSON: {e}")
        listed = []
        if os.path.exists(case.path("formats")):
            with open(case.path("formats")) as f:
                listed = [line.strip() for line in f if line.strip()]
        for f in listed:
            if f not in extra_formats:
                case.failures.append(f"formats names an unknown format '{f}'")
            else:
                case.compare("expected." + f, results[f][0])
        case.compare("expected.report", results["report"][0])
        case.compare("expected.json", results["json"][0])
        case.compare("expected.stderr", results["report"][1], required=False)
        case.compare("expected.exit", b"%d\n" % results["report"][2])
        case.compare("expected.diff", results["diff"][0], required=False)
        diff, _, diff_rc = results["diff"]
        if (diff_rc == 1) != bool(diff) or diff_rc not in (0, 1):
            case.failures.append(f"--diff exited {diff_rc} with {'a' if diff else 'no'} diff")
        if diff and not case.failures:
            prove_rewrite(case, decycle, text_args, tmp, diff, results["json"][0])
    name = os.path.relpath(case.dir, os.path.dirname(os.path.dirname(case.dir)))
    if case.failures:
        for f in case.failures:
            print(f"FAIL {name}: {f}")
        print(f"actual output kept in {case.work}")
        return 1
    print(f"ok {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
