#!/usr/bin/env python3
"""Run one golden case of decycle and compare every expected file.

A case is a folder golden/<category>/<name>/ holding README, args (CLI
arguments, one per line), input/ (the project) and the expectations:

  expected.report   stdout of `decycle ARGS input` (the human report)
  expected.json     stdout of `decycle ARGS --format json input`
  expected.exit     the exit status of both runs
  expected.stderr   stderr of the first run; absent means it must be empty

The input is copied to a scratch folder first, so that a run can never touch
the repository. Every run is made with -j 1 and -j 4 and both must print the
same bytes. On a mismatch the difference is printed and the actual output is
kept in --work. A missing expected file is written from the actual output and
the case still fails, so nothing is approved unread; DECYCLE_UPDATE_GOLDEN=1
rewrites the expectations (read the git diff before committing them).

usage: golden_run.py --decycle BINARY --work DIR CASE_DIR
"""
import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile


def run(decycle, args, cwd, jobs):
    """Runs decycle and returns (stdout, stderr, exit status) as bytes."""
    cmd = [decycle, "-j", str(jobs)] + args + ["input"]
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    return p.stdout, p.stderr, p.returncode


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
        for label, extra in (("report", []), ("json", ["--format", "json"])):
            out1, err1, rc1 = run(decycle, text_args + extra, tmp, 1)
            out4, err4, rc4 = run(decycle, text_args + extra, tmp, 4)
            if (out1, err1, rc1) != (out4, err4, rc4):
                case.failures.append(f"{label}: output with -j 4 differs from -j 1")
            if rc1 < 0 or rc1 > 3:
                case.failures.append(f"{label}: decycle died (status {rc1})")
            results[label] = (out1, err1, rc1)
        if results["report"][2] != results["json"][2]:
            case.failures.append("text and JSON runs exit differently")
        case.compare("expected.report", results["report"][0])
        case.compare("expected.json", results["json"][0])
        case.compare("expected.stderr", results["report"][1], required=False)
        case.compare("expected.exit", b"%d\n" % results["report"][2])

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
