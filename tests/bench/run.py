#!/usr/bin/env python3
"""Benchmark decycle's analysis against a bare tree-sitter parse.

For each corpus (a folder of Python code), the same source files are
(1) parsed by bare_parse, which reads each file, parses it with tree-sitter
and frees the tree, nothing else, and (2) analysed by `decycle PATH`, the
full pipeline: scan, parse, facts, graph, cycles, report. Both run with
-j 1 and -j 2, interleaved, RUNS times; the medians of wall time and of peak
resident memory (ru_maxrss, measured by the small peak_rss launcher) are compared:

  analysis time / bare parse time   target <= 1.10 (-j 1)
  decycle -j 1 / decycle -j 2       target >= 1.80
  analysis peak RSS / bare RSS      target <= 1.50 (-j 1)

Every run above is made with --no-cache. With --cache, it instead times the
cache on a copy of each corpus: the cold run (empty cache) against a run over
the unchanged tree (target <= 5% of cold) and runs after one file changed
(target <= 10%), outside the cycles and in one.

With --cat, it instead compares the cold report at -j 2 with `cat`-ing the
same files (warm page cache), the target of issue 5, which allows the plan
the time of a tree-sitter parse of the files in the cycles on top:

  decycle -j 2 / cat               (the whole report, plan included)
  decycle --check -j 2 / cat       target <= 10 (imports and cycles, no plan)
  (decycle - decycle --check) / bare_parse -j 1 of the cycles' files
                                   target <= 1 (what the plan adds)
  decycle -j 2 / (10 cat + bare parse of the cycles' files)   target <= 1
  (and, with --baseline OTHER_DECYCLE, the whole report of another build)

Run it on a quiet machine: the figures are medians of one run of this script,
never single timings. --check makes the exit status 1 when a target is missed.

usage: run.py --decycle BUILD/decycle --bare BUILD/tests/bare_parse
              [--runs N] [--check] [--cat [--baseline OLD_DECYCLE] | --cache] [CORPUS ...]
Without CORPUS: the running Python's standard library, and Django and SymPy
where Debian's python3-django / python3-sympy are installed.
"""
import argparse
import json
import shutil
import os
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time


def default_corpora():
    out = [sysconfig.get_paths()["stdlib"]]
    for pkg in ("django", "sympy"):
        path = os.path.join("/usr/lib/python3/dist-packages", pkg)
        if os.path.isdir(path):
            out.append(path)
    return out


PEAK_RSS = None  # the peak_rss launcher, next to bare_parse


def measure(cmd, stdin_path=None):
    """Runs cmd through peak_rss; returns (wall seconds, peak RSS in KiB,
    exit status)."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as out:
        status = subprocess.run([PEAK_RSS, out.name] + cmd, stdin=stdin, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL).returncode
        rss, wall = out.read().split()
    if stdin_path:
        stdin.close()
    return float(wall), int(rss), status


def source_files(decycle, corpus, in_cycles=False):
    """The files decycle parses in corpus (absolute paths); with in_cycles,
    only those of the modules in its cycles."""
    out = subprocess.run([decycle, "--no-cache", "--format", "json", corpus], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, check=False).stdout
    report = json.loads(out)
    cyclic = {m for c in report["cycles"] for m in c["modules"]}
    return [os.path.join(corpus, m["path"]) for m in report["modules"]
            if m["path"].endswith(".py") and (not in_cycles or m["name"] in cyclic)]


def cat_ratio(opts, corpora):
    """decycle -j 2 (and the baseline build) against `cat FILES`, medians of
    opts.runs interleaved runs, page cache warm."""
    missed = []
    for corpus in corpora:
        files = source_files(opts.decycle, corpus)
        cyclic = source_files(opts.decycle, corpus, in_cycles=True)
        size = sum(os.path.getsize(f) for f in files)
        with tempfile.NamedTemporaryFile("w", suffix=".list") as cyclic_list:
            cyclic_list.write("".join(f + "\n" for f in cyclic))
            cyclic_list.flush()
            tools = {"cat": (["cat"] + files, None),
                     "decycle": ([opts.decycle, "-j", "2", "--no-cache", corpus], None),
                     "check": ([opts.decycle, "-j", "2", "--no-cache", "--check", corpus], None),
                     "bare": ([opts.bare, "-j", "1"], cyclic_list.name)}
            if opts.baseline:
                tools["baseline"] = ([opts.baseline, "-j", "2", "--no-cache", corpus], None)
            for cmd, stdin in tools.values():  # warm the page cache
                measure(cmd, stdin)
            runs = {k: [] for k in tools}
            for _ in range(opts.runs):
                for k, (cmd, stdin) in tools.items():
                    runs[k].append(measure(cmd, stdin))
        for k, v in runs.items():
            if any(r[2] not in (0, 1) for r in v):
                print(f"{corpus}: {k} failed", file=sys.stderr)
                return 2
        med = {k: statistics.median(r[0] for r in v) for k, v in runs.items()}
        cyclic_size = sum(os.path.getsize(f) for f in cyclic)
        print(f"{corpus}: {len(files)} files, {size / 1e6:.1f} MB, median of {opts.runs} runs")
        print(f"  cat                      : {med['cat']:.4f} s")
        print(f"  bare parse -j 1 of the {len(cyclic)} files in cycles ({cyclic_size / 1e6:.1f} MB): "
              f"{med['bare']:.4f} s")
        if "baseline" in med:
            print(f"  baseline -j 2            : {med['baseline']:.4f} s, {med['baseline'] / med['cat']:.1f}x cat")
        print(f"  decycle -j 2             : {med['decycle']:.4f} s, {med['decycle'] / med['cat']:.1f}x cat")
        plan = med["decycle"] - med["check"]
        figures = [("decycle --check -j 2 / cat", med["check"] / med["cat"], 10),
                   ("plan / bare parse of the cycles", plan / med["bare"] if med["bare"] else 0, 1),
                   ("decycle / (10 cat + bare parse of the cycles)",
                    med["decycle"] / (10 * med["cat"] + med["bare"]), 1)]
        for name, value, target in figures:
            ok = value <= target
            print(f"  {name:<46}: {value:5.2f} (target <= {target}) {'ok' if ok else 'MISSED'}")
            if not ok:
                missed.append(corpus)
    return 1 if opts.check and missed else 0


def cache_ratio(opts, corpora):
    """Warm runs against the cold run, on a copy of each corpus with a scratch
    cache, medians of opts.runs rounds; each round: cold (empty cache),
    unchanged, one file changed outside the cycles, one file changed in a
    cycle (a comment appended), all -j 2."""
    missed = []
    for corpus in corpora:
        with tempfile.TemporaryDirectory(prefix="decycle-bench-") as tmp:
            copy = os.path.join(tmp, os.path.basename(corpus.rstrip("/")))
            shutil.copytree(corpus, copy, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
            cache = os.path.join(tmp, "cache")
            os.environ["DECYCLE_CACHE_DIR"] = cache
            report = json.loads(subprocess.run([opts.decycle, "--no-cache", "--format", "json", copy],
                                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout)
            path_of = {m["name"]: m["path"] for m in report["modules"]}
            in_cycle = {path_of[m] for c in report["cycles"] for m in c["modules"]}
            sources = sorted(p for p in path_of.values() if p.endswith(".py"))
            outside = [p for p in sources if p not in in_cycle]
            changed = {"changed outside cycles": outside[len(outside) // 2] if outside else None,
                       "changed in a cycle": sorted(in_cycle)[len(in_cycle) // 2] if in_cycle else None}
            cmd = [opts.decycle, "-j", "2", copy]
            measure([opts.decycle, "--no-cache", copy])  # warm the page cache
            # The cache trusts stat data only 2 s after a change ("racily
            # clean"): within 2 s of the copy every folder and file would be
            # read again on every run, which is not the steady state to time.
            time.sleep(2.1)
            runs = {k: [] for k in ["no cache", "cold", "unchanged"] + list(changed)}
            for n in range(opts.runs):
                runs["no cache"].append(measure([opts.decycle, "-j", "2", "--no-cache", copy]))
                shutil.rmtree(cache, ignore_errors=True)
                runs["cold"].append(measure(cmd))
                runs["unchanged"].append(measure(cmd))
                for label, path in changed.items():
                    if path:
                        with open(os.path.join(copy, path), "a") as f:
                            f.write(f"# bench round {n}\n")
                        runs[label].append(measure(cmd))
            del os.environ["DECYCLE_CACHE_DIR"]
        med = {k: statistics.median(r[0] for r in v) for k, v in runs.items() if v}
        print(f"{corpus}: {len(sources)} source files, {len(in_cycle)} in cycles, median of {opts.runs} rounds")
        for k, v in med.items():
            line = f"  {k:<23}: {v:.4f} s"
            if k not in ("no cache", "cold"):
                ratio = v / med["cold"]
                target = 0.05 if k == "unchanged" else 0.10
                ok = ratio <= target
                line += f", {100 * ratio:.1f}% of cold (target <= {100 * target:.0f}%) {'ok' if ok else 'MISSED'}"
                if not ok:
                    missed.append(f"{corpus}: {k}")
            print(line)
    return 1 if opts.check and missed else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--decycle", required=True)
    ap.add_argument("--bare", required=True)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--cat", action="store_true",
                    help="compare decycle -j 2 with cat-ing the files instead")
    ap.add_argument("--baseline", help="with --cat: another decycle to time the same way")
    ap.add_argument("--cache", action="store_true",
                    help="compare warm runs (unchanged, one file changed) with the cold run instead")
    ap.add_argument("corpora", nargs="*")
    opts = ap.parse_args()
    global PEAK_RSS
    PEAK_RSS = os.path.join(os.path.dirname(os.path.abspath(opts.bare)), "peak_rss")
    corpora = opts.corpora or default_corpora()
    if opts.cat:
        return cat_ratio(opts, corpora)
    if opts.cache:
        return cache_ratio(opts, corpora)
    missed = []
    for corpus in corpora:
        files = source_files(opts.decycle, corpus)
        size = sum(os.path.getsize(f) for f in files)
        with tempfile.NamedTemporaryFile("w", suffix=".list", delete=False) as lst:
            lst.write("\n".join(files) + "\n")
        runs = {k: [] for k in ("bare1", "dc1", "bare2", "dc2")}
        measure([opts.decycle, "--no-cache", corpus])  # warm the page cache
        for _ in range(opts.runs):
            runs["bare1"].append(measure([opts.bare, "-j", "1"], lst.name))
            runs["dc1"].append(measure([opts.decycle, "-j", "1", "--no-cache", corpus]))
            runs["bare2"].append(measure([opts.bare, "-j", "2"], lst.name))
            runs["dc2"].append(measure([opts.decycle, "-j", "2", "--no-cache", corpus]))
        os.unlink(lst.name)
        med = {k: (statistics.median(r[0] for r in v), statistics.median(r[1] for r in v))
               for k, v in runs.items()}
        for k, v in runs.items():
            if any(r[2] not in (0, 1) for r in v):
                print(f"{corpus}: {k} failed", file=sys.stderr)
                return 2
        time_ratio = med["dc1"][0] / med["bare1"][0]
        speedup = med["dc1"][0] / med["dc2"][0]
        mem_ratio = med["dc1"][1] / med["bare1"][1]
        print(f"{corpus}: {len(files)} files, {size / 1e6:.1f} MB, median of {opts.runs} runs")
        for k, label in (("bare1", "bare parse -j 1"), ("dc1", "decycle    -j 1"),
                         ("bare2", "bare parse -j 2"), ("dc2", "decycle    -j 2")):
            print(f"  {label}: {med[k][0]:.3f} s, peak {med[k][1] / 1024:.1f} MiB")
        checks = [("analysis/parse time (-j 1)", time_ratio, time_ratio <= 1.10, "<= 1.10"),
                  ("speed-up -j 2 over -j 1", speedup, speedup >= 1.80, ">= 1.80"),
                  ("analysis/parse peak memory", mem_ratio, mem_ratio <= 1.50, "<= 1.50")]
        for name, value, ok, target in checks:
            print(f"  {name}: {value:.2f} (target {target}) {'ok' if ok else 'MISSED'}")
            if not ok:
                missed.append(f"{corpus}: {name}")
    return 1 if opts.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
