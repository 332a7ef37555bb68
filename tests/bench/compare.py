#!/usr/bin/env python3
"""Time decycle against the cycle detectors a user would otherwise run (issue 5).

For each corpus, three tools run one after the other in each round, the order
rotating from round to round so that no tool always comes first or last:

  decycle    decycle --no-cache -j 2 PATH              (exit 0 or 1)
  pylint     pylint --disable=all --enable=cyclic-import --recursive=y -j 1
             --persistent=n --score=n PATH             (Debian's pylint)
  importlab  importlab --tree --trim -P ROOT ROOT/NAME (Debian's python3-importlab)

Every run is a fresh process with no result cache ("cold"; the page cache is
warmed once before the rounds). The table gives the median wall time of each
tool and the ratio tool / decycle (target >= 10), the same for CPU time
(user + system of the process and its children: less sensitive to other load on
the machine), and the cycles each tool reports, so that one sees they did
comparable work:

  decycle    import-time cycles (strongly connected components of the edges
             that run at import) and the modules in them;
  pylint     distinct R0401 messages: cycles found by its DFS over every
             import statement outside `if TYPE_CHECKING:` (function-level too);
             the number differs between runs, so each number seen is shown;
  importlab  `cycle { ... }` blocks of its tree: strongly connected components
             of every import statement, and the files in them.

pylint runs with -j 1: Debian 12's pylint 2.16 reports no cyclic-import at all
with -j 2 (pylint issue 4171). importlab resolves each import with
importlib.util.find_spec, which imports the parent packages: unlike the
other two it executes code of the corpus. It gets a folder holding only a link
to the package as its search path, so that it follows the package's own
imports and treats everything else as installed (not followed, --trim); a
corpus that is not a package (the stdlib) is its own search path.

A run that exceeds --timeout is killed and shown as "> LIMIT"; that tool is not
run again on that corpus. A tool whose first run on a corpus takes more than
--slow seconds (pylint on SymPy) gets only --slow-rounds rounds there (3; the
table shows runs done / rounds).

usage: compare.py --decycle BUILD/decycle [--rounds N] [--slow S] [--slow-rounds N]
                  [--timeout S] [--python /usr/bin/python3] [--stdlib] [CORPUS ...]
Default corpora: Debian's Django and SymPy; --stdlib adds the stdlib of --python.
Standard library only.
"""
import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time

DIST = "/usr/lib/python3/dist-packages"


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)  # children waited for so far
    return r.ru_utime + r.ru_stime


def run(cmd, timeout):
    """Runs cmd; returns (wall seconds or None on time-out, CPU seconds, exit status,
    stdout)."""
    start, cpu0 = time.perf_counter(), cpu()
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                           stdin=subprocess.DEVNULL, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None, None, None, ""
    return (time.perf_counter() - start, cpu() - cpu0, p.returncode,
            p.stdout.decode("utf-8", "replace"))


# What each tool reports: (cycles, modules in cycles or None).
def count_decycle(out):
    m = re.search(r"^decycle: (\d+) import-time cycles? involving (\d+) of", out, re.M)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


def count_pylint(out):
    return len(set(re.findall(r"R0401: Cyclic import \((.*)\)", out))), None


def count_importlab(out):
    cycles = members = 0
    inside = False
    for line in out.splitlines():
        s = line.strip()
        if s == "cycle {":
            cycles, inside = cycles + 1, True
        elif s == "}":
            inside = False
        elif inside:
            members += 1
    return cycles, members


def commands(opts, corpus, linkdir):
    """The command line and the output counter of each tool, for corpus."""
    corpus = os.path.abspath(corpus)
    if os.path.isfile(os.path.join(corpus, "__init__.py")):
        # A package: importlab searches a folder that holds only a link to it.
        link = os.path.join(linkdir, os.path.basename(corpus))
        if not os.path.islink(link):
            os.symlink(corpus, link)
        il_path, il_input = linkdir, link
    else:
        il_path, il_input = corpus, corpus
    return {
        "decycle": ([opts.decycle, "--no-cache", "-j", "2", corpus], count_decycle, (0, 1)),
        "pylint": ([opts.python, "-m", "pylint", "--disable=all", "--enable=cyclic-import",
                    "--recursive=y", "-j", "1", "--persistent=n", "--score=n", corpus],
                   count_pylint, None),
        "importlab": ([opts.python, "/usr/bin/importlab", "--tree", "--trim", "-P", il_path,
                       il_input], count_importlab, (0,)),
    }


def pylint_ok(status):
    # pylint's exit status is a bit mask: 1 fatal, 32 usage error; 2-16 are messages.
    return status & (1 | 32) == 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--decycle", required=True)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--slow", type=float, default=300.0, help="seconds: a slow first run")
    ap.add_argument("--slow-rounds", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=1200.0, help="seconds per run")
    ap.add_argument("--python", default="/usr/bin/python3",
                    help="the interpreter that has pylint and importlab")
    ap.add_argument("--stdlib", action="store_true")
    ap.add_argument("corpora", nargs="*")
    opts = ap.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # the table and the progress (stderr) interleave
    opts.decycle = os.path.abspath(opts.decycle)
    corpora = opts.corpora or [os.path.join(DIST, p) for p in ("django", "sympy")]
    if opts.stdlib:
        corpora.append(subprocess.run([opts.python, "-c", "import sysconfig; print("
                                       "sysconfig.get_paths()['stdlib'])"],
                                      stdout=subprocess.PIPE, text=True,
                                      check=True).stdout.strip())
    for name, cmd in (("pylint", [opts.python, "-m", "pylint", "--version"]),
                      ("importlab", [opts.python, "/usr/bin/importlab", "--version"])):
        print(f"{name}: " + run(cmd, 60)[3].replace("\n", "; ").strip("; "))
    failed = False
    for corpus in corpora:
        with tempfile.TemporaryDirectory() as linkdir:
            tools = commands(opts, corpus, linkdir)
            run(tools["decycle"][0], opts.timeout)  # warm the page cache
            times = {t: [] for t in tools}  # (wall, CPU) of each run
            timed_out, counts = set(), {}
            rounds = {t: opts.rounds for t in tools}  # lowered for a slow tool
            for r in range(opts.rounds):
                names = list(tools)
                names = names[r % 3:] + names[:r % 3]  # alternate the order
                for t in names:
                    if t in timed_out or len(times[t]) >= rounds[t]:
                        continue
                    cmd, count, ok = tools[t]
                    secs, cpus, st, out = run(cmd, opts.timeout)
                    if secs is None:
                        timed_out.add(t)
                        continue
                    if (ok is None and not pylint_ok(st)) or (ok is not None and st not in ok):
                        print(f"{corpus}: {t} exited with status {st}", file=sys.stderr)
                        failed = True
                    times[t].append((secs, cpus))
                    if len(times[t]) == 1 and secs > opts.slow:
                        rounds[t] = min(opts.slow_rounds, opts.rounds)
                    counts.setdefault(t, set()).add(count(out))
                    print(f"  round {r + 1}: {t} {secs:.2f} s, CPU {cpus:.2f} s", file=sys.stderr,
                          flush=True)
        if not times["decycle"]:
            print(f"{corpus}: decycle timed out", file=sys.stderr)
            return 2
        base = [statistics.median(x[i] for x in times["decycle"]) for i in (0, 1)]
        print(f"\n{corpus}")
        print(f"  {'tool':<10} {'runs':>4} {'wall':>10} {'/ decycle':>10} {'CPU':>10}"
              f" {'/ decycle':>10}  cycles reported")
        for t in tools:
            n, out_of = len(times[t]), rounds[t]
            if t in timed_out:
                cols = [f"> {opts.timeout:.0f} s", f"> {opts.timeout / base[0]:.0f}", "", ""]
            else:
                med = [statistics.median(x[i] for x in times[t]) for i in (0, 1)]
                cols = [f"{med[0]:.2f} s", f"{med[0] / base[0]:.1f}", f"{med[1]:.2f} s",
                        f"{med[1] / base[1]:.1f}" if base[1] > 0 else "-"]
            # pylint's count can differ from run to run: every count seen is shown.
            what = ", ".join(f"{c}" + (f" ({m} modules in them)" if m is not None else "")
                             for c, m in sorted(counts.get(t, ())))
            print(f"  {t:<10} {n:>2}/{out_of:<1} " + " ".join(f"{c:>10}" for c in cols)
                  + f"  {what}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
