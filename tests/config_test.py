#!/usr/bin/env python3
"""Settings and CI gates that golden cases cannot show (they run every case
with --diff too, and need exit 0 or 1): errors in pyproject.toml (exit 2,
`pyproject.toml:LINE:COL: error:`), options overriding the file, --check,
and the --baseline / --write-baseline ratchet.

usage: config_test.py --decycle BINARY
"""
import argparse
import json
import os
import re
import stat
import subprocess
import sys
import tempfile

# the same runner and checks as the cli test (FAILURES is that list)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli_test import FAILURES, expect, run  # noqa: E402


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def project(root, cycles, extra=None):
    """A project with one import-time cycle per list of module names."""
    for names in cycles:
        for i, name in enumerate(names):
            nxt = names[(i + 1) % len(names)]
            write(f"{root}/{name}.py", f"from {nxt} import V_{nxt}\nV_{name} = V_{nxt}\n")
    for path, text in (extra or {}).items():
        write(f"{root}/{path}", text)
    return root


def pyproject_errors(decycle, tmp):
    """Each kind of error in pyproject.toml: exit 2 and a located message."""
    cases = [
        ("syntax error", "[tool.decycle\nroots = ['a']\n", "1:1: error: invalid TOML: syntax error"),
        ("bad escape", '[tool.decycle]\nroots = ["\\q"]\n', "2:11: error: invalid TOML: syntax error"),
        ("missing value", "[tool.decycle]\nroots = [\"a\", \"b\"]\nbaseline =\n", "3:1: error: invalid TOML: syntax error"),
        ("unknown key", "[tool.decycle]\nroots = []\nfoo = 1\n", "3:1: error: unknown key 'foo' in [tool.decycle]"),
        ("unknown key, dotted", "tool.decycle.bar = 1\n", "1:1: error: unknown key 'bar' in [tool.decycle]"),
        ("unknown key, inline", "[tool]\ndecycle = {x = 2}\n", "2:12: error: unknown key 'x' in [tool.decycle]"),
        ("unknown sub-table", "[tool.decycle.extra]\na = 1\n", "1:2: error: unknown key 'extra' in [tool.decycle]"),
        ("roots not a list", '[tool.decycle]\nroots = "src"\n', "2:9: error: 'roots' must be a list of strings"),
        ("exclude item not a string", "[tool.decycle]\nexclude = [\n  # c\n  1,\n]\n",
         "4:3: error: 'exclude' must be a list of strings"),
        ("strategies not a list", "[tool.decycle]\nstrategies = 3\n", "2:14: error: 'strategies' must be a list of strings"),
        ("config-module not a string", "[tool.decycle]\nconfig-module = ['a']\n",
         "2:17: error: 'config-module' must be a string"),
        ("target-version not a string", "[tool.decycle]\ntarget-version = 3.14\n",
         "2:18: error: 'target-version' must be a string"),
        ("baseline not a string", "[tool.decycle]\nbaseline = true\n", "2:12: error: 'baseline' must be a string"),
        ("known key as a table", "[tool.decycle.roots]\na = 1\n",
         "1:2: error: 'roots' must be a list of strings, not a table"),
        ("tool.decycle not a table", "tool.decycle = 3\n", "1:16: error: 'tool.decycle' must be a table"),
        ("array of tables", "[[tool.decycle]]\n", "1:1: error: 'tool.decycle' must be a table: write [tool.decycle]"),
        ("key set twice", "[tool.decycle]\nroots = ['a']\nroots = ['b']\n",
         "3:1: error: 'roots' is set twice in [tool.decycle]"),
        ("table twice", "[tool.decycle]\n[tool.decycle]\n", "2:1: error: [tool.decycle] is defined twice"),
        ("unknown strategy", "[tool.decycle]\nstrategies = ['local-import', 'lazy']\n",
         "2:31: error: unknown strategy 'lazy'"),
        ("bad regex", "[tool.decycle]\nexclude = ['ok', '(']\n", "2:18: error: invalid regular expression '('"),
        ("bad target-version", "[tool.decycle]\ntarget-version = '3'\n",
         "2:18: error: 'target-version' must be a Python version '3.X', not '3'"),
        ("bad config-module", "[tool.decycle]\nconfig-module = 'a..b'\n",
         "2:17: error: 'config-module' must be a dotted module name, not 'a..b'"),
    ]
    for i, (name, text, needle) in enumerate(cases):
        root = project(f"{tmp}/err{i}", [["a", "b"]], {"pyproject.toml": text})
        rc, out, err = run(decycle, root)
        expect(f"pyproject: {name}: exit 2", rc == 2, f"exit {rc}: {err}")
        expect(f"pyproject: {name}: 'pyproject.toml:{needle}'", err.startswith("pyproject.toml:" + needle), err)
        expect(f"pyproject: {name}: caret under the place", "\n  " in err and err.rstrip().endswith("^"), err)
        expect(f"pyproject: {name}: nothing on stdout", out == "", out)
    # Other tools' tables are not checked; a file in a folder above PATH is never read.
    root = project(f"{tmp}/other/proj", [["a", "b"]],
                   {"pyproject.toml": "[tool.ruff]\nwhatever = 1\n[[tool.mypy.overrides]]\nmodule = 'x'\n"})
    write(f"{tmp}/other/pyproject.toml", "[tool.decycle]\nfoo = 1\n")
    rc, out, err = run(decycle, root)
    expect("pyproject: other tables are ignored, a parent pyproject.toml is not read", rc == 1 and err == "", err)
    rc, out, err = run(decycle, "--check", f"{tmp}/other")
    expect("pyproject: ... but PATH's own is", rc == 2 and err.startswith("pyproject.toml:2:1: error: unknown key 'foo'"),
           err)


def options_over_file(decycle, tmp):
    """Options override the file; their own values are checked too."""
    root = project(f"{tmp}/over", [["a", "b"]], {
        "lib/x.py": "from y import Y\nX = 1\n", "lib/y.py": "from x import X\nY = X\n",
        "pyproject.toml": "[tool.decycle]\nroots = ['lib']\nexclude = ['^lib/y']\n"})
    rc, out, _ = run(decycle, "--format", "json", root)
    report = json.loads(out)
    expect("options: the file's roots and exclude apply", report["roots"] == ["lib"] and
           [m["name"] for m in report["modules"]] == ["x"] and rc == 0, out)
    rc, out, _ = run(decycle, "--format", "json", "--root", ".", root)
    names = [m["name"] for m in json.loads(out)["modules"]]
    expect("options: --root replaces the file's roots (its exclude still applies)",
           names == ["a", "b", "lib.x"] and rc == 1, names)
    rc, out, _ = run(decycle, "--format", "json", "--exclude", "^nothing", root)
    names = [m["name"] for m in json.loads(out)["modules"]]
    expect("options: --exclude replaces the file's exclude", names == ["x", "y"] and rc == 1, names)
    rc, _, err = run(decycle, "--strategies", "local-import,lazy", root)
    expect("options: --strategies with an unknown name is a usage error",
           rc == 2 and "unknown strategy 'lazy'" in err, err)
    for bad in ("3", "3.x", "4.1", "3.10.1", "3.123"):
        rc, _, err = run(decycle, "--target-version", bad, root)
        expect(f"options: --target-version {bad} is a usage error", rc == 2 and "3.X" in err, err)
    seed = project(f"{tmp}/strat", [], {
        "a.py": "from b import B\n\ndef f():\n    return B\n", "b.py": "from a import f\nB = f\n"})
    rc, out, _ = run(decycle, "--explain", seed)
    expect("options: a -> b is cut by local-import by default", "cut  a -> b (a.py:1): local-import" in out, out)
    rc, out, _ = run(decycle, "--explain", "--strategies", "type-checking,config-module", seed)
    expect("options: --strategies without local-import keeps a -> b",
           "keep a -> b (a.py:1): cannot be cut: a.py:4 uses 'B' at run time" in out, out)
    write(f"{seed}/pyproject.toml", "[tool.decycle]\nstrategies = []\n")
    rc, out, _ = run(decycle, "--explain", seed)
    expect("options: strategies = [] allows none",
           "keep a -> b (a.py:1): cannot be cut: no allowed strategy can move this import" in out, out)
    rc, out, _ = run(decycle, "--explain", "--strategies", "local-import", seed)
    expect("options: --strategies overrides the file's strategies", "cut  a -> b (a.py:1): local-import" in out, out)


def check_mode(decycle, tmp):
    root = project(f"{tmp}/check", [["a", "b"]])
    rc, full, _ = run(decycle, root)
    rc1, out, err = run(decycle, "--check", root)
    expect("--check: exit 1 on a cycle", rc1 == 1, err)
    def without_plan(report):
        """The text report minus the plan: the verdicts of the rows, the cut
        and unbreakable counts of the headers, the unbreakable and note lines."""
        kept = []
        for line in report.splitlines():
            if line.startswith(("  unbreakable:", "  note:")):
                continue
            line = re.sub(r"\s+(cut|kept): .*$", "", line)
            line = re.sub(r", (\d+ cut|unbreakable)", "", line)
            kept.append(line.rstrip())
        return "\n".join(kept)
    expect("--check: the report without the plan",
           without_plan(out) == without_plan(full) and "kept:" not in out and "kept:" in full and
           "unbreakable" in full, (out, full))
    expect("--check: nothing on stderr", err == "", err)
    rc, out, _ = run(decycle, "--check", "--format", "json", root)
    report = json.loads(out)
    expect("--check --format json: the cycles, no plan", rc == 1 and len(report["cycles"]) == 1 and
           "plan" not in report and "cuts" not in report["cycles"][0], out)
    clean = project(f"{tmp}/clean", [], {"a.py": "import b\n", "b.py": "X = 1\n"})
    rc, out, err = run(decycle, "--check", clean)
    expect("--check: exit 0 without a cycle", rc == 0 and "no import-time cycle" in out and err == "", out + err)
    for mode in ("--diff", "--apply", "--explain"):
        before = open(f"{root}/a.py").read()
        rc, out, err = run(decycle, "--check", mode, root)
        expect(f"--check {mode}: usage error, nothing written",
               rc == 2 and "cannot be combined" in err and out == "" and open(f"{root}/a.py").read() == before, err)


def baseline(decycle, tmp):
    root = project(f"{tmp}/base", [["a", "b"], ["p", "q", "r"]])
    bl = f"{tmp}/base.txt"
    rc, out, err = run(decycle, "--write-baseline", bl, root)
    text = open(bl).read()
    expect("--write-baseline: exit 0, nothing on stdout", rc == 0 and out == "", out + err)
    expect("--write-baseline: says what it wrote", err == f"decycle: baseline '{bl}' written: 2 cycles\n", err)
    body = [l for l in text.splitlines() if not l.startswith("#")]
    expect("--write-baseline: one sorted block per cycle", body == ["", "a", "b", "", "p", "q", "r"], text)
    expect("--write-baseline: no temporary file left", os.listdir(tmp).count("base.txt") == 1 and
           not [f for f in os.listdir(tmp) if f.startswith(".base.txt")], os.listdir(tmp))
    os.chmod(bl, 0o640)
    run(decycle, "--write-baseline", bl, root)
    expect("--write-baseline: an existing file keeps its mode", stat.S_IMODE(os.stat(bl).st_mode) == 0o640,
           oct(os.stat(bl).st_mode))
    expect("--write-baseline: the same project gives the same bytes", open(bl).read() == text)
    rc, _, err = run(decycle, "--write-baseline", f"{tmp}/no/such/dir/b.txt", root)
    expect("--write-baseline: an unwritable place is exit 2", rc == 2 and "cannot write" in err, err)

    rc, out, err = run(decycle, "--baseline", bl, root)
    expect("--baseline: all known: exit 0", rc == 0, err)
    expect("--baseline: all known: the report is unchanged", out == run(decycle, root)[1], out)
    expect("--baseline: all known: the summary", err == f"decycle: baseline '{bl}': 0 new cycles, 2 known\n", err)
    rc, out, err = run(decycle, "--check", "--format", "json", "--baseline", bl, root)
    expect("--baseline with --check and json: exit 0, JSON on stdout", rc == 0 and json.loads(out)["cycles"], err)
    # The same command over the same tree, the baseline edited: no replay of the last run.
    with open(bl) as f:
        full_text = f.read()
    write(bl, "a\nb\n")
    rc, out, err = run(decycle, "--baseline", bl, root)
    expect("--baseline: an edited baseline is read again (not replayed from the cache)",
           rc == 1 and "new cycle: p, q, r" in err, err)
    write(bl, full_text)

    # One new cycle: x <-> y is not in the baseline.
    project(root, [["x", "y"]])
    rc, out, err = run(decycle, "--baseline", bl, root)
    expect("--baseline: one new: exit 1", rc == 1, err)
    expect("--baseline: one new: named", "1 new cycle, 2 known\n  new cycle: x, y\n" in err, err)
    for f in ("x.py", "y.py"):
        os.remove(f"{root}/{f}")

    # One fixed: p -> q -> r -> p is cut.
    write(f"{root}/r.py", "V_r = 1\n")
    rc, out, err = run(decycle, "--baseline", bl, root)
    expect("--baseline: one fixed: exit 0", rc == 0, err)
    expect("--baseline: one fixed: says which entry can go",
           f"0 new cycles, 1 known\n  {bl}:8: fixed, remove it from the baseline (--write-baseline): p, q, r\n" in err,
           err)

    # Smaller: the baseline holds a, b, c, the run only a, b (still known).
    small = f"{tmp}/small.txt"
    write(small, "a\nb\nc\n\np\nq\nr\n")
    rc, out, err = run(decycle, "--baseline", small, root)
    expect("--baseline: a cycle inside an entry is known, the entry can be tightened",
           rc == 0 and f"{small}:1: smaller now, tighten the baseline (--write-baseline): a, b, c" in err, err)
    # Grown: a, b, c now form one cycle where the baseline had a, b.
    write(f"{root}/b.py", "from c import V_c\nV_b = V_c\n")
    write(f"{root}/c.py", "from a import V_a\nV_c = V_a\n")
    rc, out, err = run(decycle, "--baseline", bl, root)
    expect("--baseline: a cycle that grew is new", rc == 1 and "new cycle: a, b, c" in err and
           f"{bl}:5: grown into a new cycle: a, b" in err, err)

    # Malformed and missing files.
    bad = {"not a name": ("a\nb\n\nnot a module!\n", ":4:1: error: 'not a module!' is not a module name"),
           "one module": ("# c\na\n\np\nq\n", ":2:1: error: a cycle needs two modules or more; 'a' is alone"),
           "twice": ("a\nb\na\n", ":1:1: error: module 'a' is listed twice in this cycle"),
           "indented": ("a\n  b\n", ":2:1: error: '  b' is not a module name")}
    for name, (text, needle) in bad.items():
        path = f"{tmp}/bad-{name.replace(' ', '-')}.txt"
        write(path, text)
        rc, out, err = run(decycle, "--baseline", path, root)
        expect(f"--baseline: malformed ({name}): exit 2, located", rc == 2 and err.startswith(path + needle) and
               out == "", err)
    rc, out, err = run(decycle, "--baseline", f"{tmp}/missing.txt", root)
    expect("--baseline: missing file: exit 2", rc == 2 and out == "" and
           err == f"{tmp}/missing.txt: error: baseline: cannot read: No such file or directory\n", err)
    for combo in (["--diff"], ["--apply"], ["--explain"], ["--write-baseline", bl]):
        rc, _, err = run(decycle, "--baseline", bl, *combo, root)
        expect(f"--baseline {combo[0]}: usage error", rc == 2 and "cannot be combined" in err, err)

    # The file's baseline is relative to PATH, whatever the working folder.
    proj = project(f"{tmp}/filebase", [["a", "b"]], {"pyproject.toml": "[tool.decycle]\nbaseline = 'known.txt'\n",
                                                      "known.txt": "a\nb\n"})
    rc, out, err = run(decycle, proj, cwd="/")
    expect("baseline key: read relative to PATH", rc == 0 and f"'{proj}/known.txt': 0 new cycles, 1 known" in err, err)
    rc, out, err = run(decycle, "--write-baseline", f"{tmp}/fresh.txt", proj)
    expect("baseline key: --write-baseline ignores it", rc == 0 and os.path.exists(f"{tmp}/fresh.txt"), err)
    os.remove(f"{proj}/known.txt")
    rc, out, err = run(decycle, "--diff", proj)
    expect("baseline key: --diff does not read it", rc == 0 and "baseline" not in err, err)
    rc, out, err = run(decycle, proj)
    expect("baseline key: a missing file is exit 2", rc == 2 and "known.txt: error: baseline: cannot read" in err, err)


def cache(decycle, tmp):
    """The cache replays a run only when the settings and the target's rules are the same."""
    root = project(f"{tmp}/cached", [], {
        "a.py": "from b import B\n\n\ndef f(x: B) -> None:\n    return None\n",
        "b.py": "from a import f\n\n\nclass B:\n    handler = f\n",
        "pkg/__init__.py": "from pkg.a import describe\n\n\nclass Thing:\n    name = 'thing'\n",
        "pkg/a.py": "import pkg\n\n\ndef describe(x: pkg.Thing) -> str:\n    return x.name\n"})
    runs = []
    for target in ("3.9", "3.14", "3.9", "3.14"):
        write(f"{root}/pyproject.toml", f"[project]\nrequires-python = '>={target}'\n")
        rc, out, _ = run(decycle, "--format", "json", root)
        report = json.loads(out)
        runs.append((rc, len(report["cycles"]), [e["cut_by"] for e in report["edges"] if e.get("cut_by")]))
    no_cache = []
    for target in ("3.9", "3.14"):
        write(f"{root}/pyproject.toml", f"[project]\nrequires-python = '>={target}'\n")
        rc, out, _ = run(decycle, "--no-cache", "--format", "json", root)
        report = json.loads(out)
        no_cache.append((rc, len(report["cycles"]), [e["cut_by"] for e in report["edges"] if e.get("cut_by")]))
    expect("cache: requires-python 3.9 and 3.14 give their own results, run after run",
           runs == no_cache * 2 and no_cache[0] != no_cache[1] and no_cache[0][1] == 2 and no_cache[1][1] == 1, runs)
    for target in ("3.9", "3.14", "3.9"):
        rc, out, _ = run(decycle, "--target-version", target, "--no-cache", root)
        rc2, out2, _ = run(decycle, "--target-version", target, root)
        expect(f"cache: --target-version {target} as without the cache", (rc, out) == (rc2, out2), out2)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--decycle", required=True)
    decycle = os.path.abspath(ap.parse_args().decycle)
    with tempfile.TemporaryDirectory() as tmp:
        # One cache for every run: settings and baselines change between
        # runs over the same trees, and no run may replay a stale output.
        os.environ["DECYCLE_CACHE_DIR"] = os.path.join(tmp, "cache")
        pyproject_errors(decycle, tmp)
        options_over_file(decycle, tmp)
        check_mode(decycle, tmp)
        baseline(decycle, tmp)
        cache(decycle, tmp)
    if FAILURES:
        print("\n".join(["", "failures:"] + FAILURES))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
