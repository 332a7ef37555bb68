#!/usr/bin/env python3
"""Command-line behaviour of decycle that golden cases cannot show: usage and
I/O errors (exit 2, nothing written), --apply keeping file modes,
--verify refusing a rewrite when a module that imported before fails after,
what depends on a terminal: --color and NO_COLOR (also through the run
cache), and the progress line on stderr (pseudo-terminals, python3 pty); and
that the plan's loading threads never change a byte (-j 1 against -j 2, 3, 8
on a 240-module ring).

usage: cli_test.py --decycle BINARY
"""
import argparse
import os
import pty
import re
import shutil
import stat
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = os.path.join(HERE, "..", "golden", "local-import", "keras-seed-methods", "input")
FAILURES = []


def run(decycle, *args, cwd=None):
    p = subprocess.run([decycle, *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def expect(name, cond, detail=""):
    print(("ok   " if cond else "FAIL ") + name)
    if not cond:
        FAILURES.append(f"{name}: {detail}")


def snapshot(root):
    out = {}
    for dirpath, _, files in os.walk(root):
        for f in files:
            path = os.path.join(dirpath, f)
            if os.path.islink(path):
                continue
            with open(path, "rb") as fh:
                out[os.path.relpath(path, root)] = (fh.read(), os.stat(path).st_mode)
    return out


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def bad_inputs(decycle, tmp):
    """The rows of README.md's table of bad inputs."""
    p = os.path.join(tmp, "bad")
    write(f"{p}/empty.py", b"")
    write(f"{p}/comments.py", b"# nothing\n# here\n")
    write(f"{p}/nul.py", b"import os\n\x00\x01binary\n")
    write(f"{p}/badutf8.py", b'x = "\xff\xfe"\n')
    write(f"{p}/latin1.py", b'# -*- coding: latin-1 -*-\nname = "caf\xe9"\n')
    write(f"{p}/bom.py", b"\xef\xbb\xbfimport os\n")
    write(f"{p}/deep_blocks.py", "".join(" " * i + "if x:\n" for i in range(10000)).encode() + b" " * 10000 + b"import os\n")
    write(f"{p}/deep_brackets.py", b"x = " + b"(" * 10000 + b"1" + b")" * 10000 + b"\n")
    write(f"{p}/long_line.py", b'x = "' + b"a" * 1000000 + b'"\n')
    # A cycle whose only cuttable file has a syntax error next to the import.
    write(f"{p}/ring/__init__.py", b"")
    write(f"{p}/ring/a.py", b"from ring.b import B\ndef f(:\n    return B\n")
    write(f"{p}/ring/b.py", b"from ring.a import f\nB = f\n")
    os.symlink(".", f"{p}/loop")
    os.symlink("/etc", f"{p}/outside")
    os.symlink("/etc/hostname", f"{p}/outside_file.py")
    before = snapshot(p)
    rc, out, err = run(decycle, p)
    expect("bad inputs: the analysis goes on (exit 1: the ring)", rc == 1, err)
    for needle in ("nul.py:2:1: warning: file contains NUL bytes", "badutf8.py:1:6: warning: invalid UTF-8",
                   "deep_blocks.py:1:1: warning: syntax error", "ring/a.py:2:7: warning: syntax error",
                   "outside: warning: symbolic link leads out of PATH", "outside_file.py: warning: symbolic link"):
        expect(f"bad inputs: warns '{needle}'", needle in err, err[-2000:])
    for quiet in ("empty.py", "comments.py", "latin1.py", "bom.py", "long_line.py", "deep_brackets.py", "loop"):
        expect(f"bad inputs: no warning for {quiet}", quiet + ":" not in err, err[-2000:])
    rc, out, err = run(decycle, "--explain", p)
    expect("bad inputs: a file with syntax errors is never rewritten",
           "ring/a.py has syntax errors; it is never rewritten" in out, out)
    rc, out, err = run(decycle, "--apply", p)
    expect("bad inputs: --apply leaves it all alone and exits 3", rc == 3 and snapshot(p) == before, err)
    if os.geteuid() != 0:  # root reads everything, so this only runs as a user
        os.chmod(f"{p}/comments.py", 0)
        rc, out, err = run(decycle, p)
        expect("bad inputs: an unreadable file is a warning", "comments.py: warning: cannot read" in err, err)
        os.chmod(f"{p}/comments.py", 0o644)


def comment_runs(decycle, tmp):
    """65,534 comments in a row crash the tree-sitter of Debian 12 (0.20.7,
    its issue #2134): a file with 65,000 comment lines in a row is never
    given to it. Parsed by the token scanner, such a file is analysed but
    never rewritten; else it is not analysed (a warning); such a
    pyproject.toml is an error."""
    p = os.path.join(tmp, "comments")
    block = b"# a comment line\n\n" * 70000
    write(f"{p}/pkg/__init__.py", b"")
    write(f"{p}/pkg/a.py", b"from pkg.b import B\n" + block + b"\n\ndef f():\n    return B\n")
    write(f"{p}/pkg/b.py", b"from pkg.a import f\nB = f\n")
    rc, out, err = run(decycle, "--explain", p)
    expect("comment runs: a scanned file is analysed, and never rewritten (exit 1)",
           rc == 1 and "pkg/a.py has 65000 comment lines in a row, which crash tree-sitter before 0.20.8; "
           "it is never rewritten" in out, (rc, out[-1000:], err[-1000:]))
    write(f"{p}/pkg/a.py", "from pkg.b import B\n\u00e9 = 1\n".encode() + block)  # (a name the scanner declines)
    rc, out, err = run(decycle, p)
    expect("comment runs: a file for tree-sitter is not analysed (a warning, exit 0)",
           rc == 0 and "pkg/a.py:130001:1: warning: 65000 comment lines in a row" in err, (rc, err[-1000:]))
    write(f"{p}/pyproject.toml", b"# a comment\n" * 70000)
    rc, out, err = run(decycle, p)
    expect("comment runs: such a pyproject.toml is an error (exit 2)",
           rc == 2 and "pyproject.toml:65000:1: error: 65000 comment lines in a row" in err, (rc, err[-1000:]))


def run_tty(decycle, *args, tty_out=False, tty_err=False, env=None):
    """Runs decycle with stdout and/or stderr on a pseudo-terminal (the
    others are pipes); returns (exit status, stdout bytes, stderr bytes)."""
    master, slave = pty.openpty()
    p = subprocess.Popen([decycle, *args], stdin=subprocess.DEVNULL,
                         stdout=slave if tty_out else subprocess.PIPE,
                         stderr=slave if tty_err else subprocess.PIPE, env=env)
    os.close(slave)
    tty = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        tty += chunk
    os.close(master)
    piped_out = b"" if tty_out else p.stdout.read()
    piped_err = b"" if tty_err else p.stderr.read()
    p.wait()
    # The terminal turns "\n" into "\r\n".
    tty = tty.replace(b"\r\n", b"\n")
    return p.returncode, tty if tty_out else piped_out, tty if tty_err else piped_err


def terminal(decycle, tmp):
    """--color, NO_COLOR and the progress line: what a terminal changes."""
    project = os.path.join(tmp, "terminal")
    shutil.copytree(SEED, project)
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM", "DECYCLE_PROGRESS_AFTER_MS")}
    base["TERM"] = "xterm"
    base["DECYCLE_CACHE_DIR"] = os.path.join(tmp, "terminal-cache")
    esc = b"\033["
    _, plain, _ = run_tty(decycle, "--no-cache", project, env=base)
    expect("colour: a pipe gets no escape codes", plain.startswith(b"cycle 1 of 1") and esc not in plain, plain)

    def coloured(*args, env=base):
        rc, out, _ = run_tty(decycle, "--no-cache", *args, project, tty_out=True, env=env)
        return rc, out

    rc, out = coloured()
    expect("colour: a terminal gets colours by default", rc == 1 and esc in out, out)
    expect("colour: without the escape codes it is the plain report",
           re.sub(rb"\033\[[0-9;]*m", b"", out) == plain, out)
    expect("colour: the cut edge is green, the kept one red", b"\033[32mcut: " in out and b"\033[31mkept: " in out,
           out)
    rc, out = coloured(env=dict(base, NO_COLOR="1"))
    expect("colour: NO_COLOR turns auto colour off", esc not in out, out)
    rc, out = coloured(env=dict(base, NO_COLOR=""))
    expect("colour: an empty NO_COLOR does not", esc in out, out)
    rc, out = coloured(env=dict(base, TERM="dumb"))
    expect("colour: TERM=dumb turns auto colour off", esc not in out, out)
    rc, out = coloured("--color=never")
    expect("colour: --color never on a terminal", esc not in out, out)
    rc, out, _ = run_tty(decycle, "--no-cache", "--color", "always", project, env=dict(base, NO_COLOR="1"))
    expect("colour: --color always wins over NO_COLOR, in a pipe too", esc in out, out)
    rc, out = coloured("--explain")
    expect("colour: --explain is coloured", rc == 1 and b"\033[32mcut " in out, out)
    for args in (("--format", "json"), ("--diff",)):
        rc, out = coloured(*args)
        expect(f"colour: {' '.join(args)} is never coloured", esc not in out, out)
    rc, out, err = run_tty(decycle, "--color", "sometimes", project, env=base)
    expect("colour: an unknown --color value exits 2",
           rc == 2 and b"unknown --color 'sometimes' (expected auto, always or never)" in err, err)

    # The run cache replays a run's output only to a run that would print
    # the same: colour resolved from the terminal is part of its key.
    rc1, first, _ = run_tty(decycle, "--color", "always", project, env=base)
    rc2, again, _ = run_tty(decycle, "--color=always", "-j1", project, env=base)
    expect("colour cache: a warm --color always run replays the colours", rc1 == rc2 == 1 and esc in again
           and again == first, again)
    rc, out, _ = run_tty(decycle, project, env=base)
    expect("colour cache: a run in a pipe after it never replays escape codes", rc == 1 and out == plain, out)
    rc, out, _ = run_tty(decycle, project, tty_out=True, env=base)
    expect("colour cache: a run on a terminal after it is coloured", rc == 1 and esc in out, out)
    rc, out, _ = run_tty(decycle, project, tty_out=True, env=dict(base, NO_COLOR="1"))
    expect("colour cache: ... and with NO_COLOR it is not", rc == 1 and out == plain, out)

    # The progress line: on a terminal's stderr only, after a delay
    # (DECYCLE_PROGRESS_AFTER_MS, 500 by default), cleared at the end, and
    # never recorded in the cache.
    big = os.path.join(tmp, "terminal-big")
    for i in range(3000):
        write(f"{big}/pkg/m{i:04d}.py", f"import pkg.m{(i + 1) % 3000:04d}\n".encode())
    write(f"{big}/pkg/__init__.py", b"")
    now = dict(base, DECYCLE_PROGRESS_AFTER_MS="0")
    for jobs in ("-j1", "-j2"):
        rc, out, err = run_tty(decycle, "--no-cache", jobs, big, tty_err=True, env=now)
        shown = re.findall(rb"\rdecycle: parsing (\d+)/3001 files", err)
        counts = [int(n) for n in shown]
        expect(f"progress {jobs}: shown on a terminal, counting up", counts and counts == sorted(counts)
               and counts[-1] <= 3001, err[-300:])
        expect(f"progress {jobs}: cleared at the end, before anything else is printed",
               re.fullmatch(rb"(\rdecycle: parsing \d+/3001 files)+\r +\r", err) is not None, err[-300:])
        expect(f"progress {jobs}: stdout is the report", rc == 1 and out.endswith(b"of 3001 modules\n"), out[-300:])
    rc, out, err = run_tty(decycle, "--no-cache", big, env=now)
    expect("progress: never when stderr is not a terminal", rc == 1 and err == b"", err[-300:])
    rc, out, err = run_tty(decycle, "--no-cache", "-j1", project, tty_err=True, env=base)
    expect("progress: a short run prints nothing", rc == 1 and err == b"", err)
    rc, out, err = run_tty(decycle, big, tty_err=True, env=now)
    expect("progress cache: a run that fills the cache shows it", rc == 1 and b"parsing" in err, err[-300:])
    rc, out, err = run_tty(decycle, big, env=now)
    expect("progress cache: the cached stderr has no progress line", rc == 1 and err == b"", err[-300:])


def threads_agree(decycle, tmp):
    """The plan loads the files of the cycles on -j threads ahead of itself
    (src/fix.c, preload): every output must be the bytes of -j 1, on a project
    large enough to fill the window, whose plan reads files out of turn (the
    config-module strategy asks for the constants of the module imported)."""
    p = os.path.join(tmp, "threads")
    n = 240
    for i in range(n):
        nxt, prev = (i + 1) % n, (i - 1) % n
        kind = i % 4
        lines = [f'"""Module {i} of a ring of {n}."""\n']
        if kind == 0:  # used in a function only: local-import
            lines += [f"import ring.m{nxt}\n", "\n", "\n", "def follow():\n", f"    return ring.m{nxt}.NAME\n"]
        elif kind == 1:  # used in annotations only: type-checking
            lines = ["from __future__ import annotations\n"] + lines
            lines += [f"from ring.m{nxt} import Node\n", "\n", "\n", "def link(node: Node) -> Node:\n",
                      "    return node\n"]
        elif kind == 2:  # reads a constant at import time: config-module
            lines += [f"from ring.m{nxt} import LIMIT\n", "\n", "DOUBLE = LIMIT * 2\n"]
        else:  # a base class: obligatory
            lines += [f"from ring.m{nxt} import Node\n", "\n", "\n", "class Child(Node):\n", "    pass\n"]
        lines += ["\n", f"NAME = 'm{i}'\n", "LIMIT = 10\n", "\n", "\n", "class Node:\n", "    pass\n"]
        if i % 10 == 5:  # a second, shorter cycle through the ring
            lines += ["\n", f"import ring.m{prev}\n", f"BACK = ring.m{prev}\n"]
        write(f"{p}/ring/m{i}.py", "".join(lines).encode())
    write(f"{p}/ring/__init__.py", b"")
    outputs = {}
    for jobs in ("1", "2", "3", "8"):
        for mode in ((), ("--explain",), ("--diff",), ("--format", "json")):
            outputs.setdefault(mode, {})[jobs] = run(decycle, "--no-cache", "-j", jobs, *mode, p)
    for mode, by_jobs in outputs.items():
        first = by_jobs["1"]
        name = " ".join(mode) or "report"
        expect(f"{name}: -j 2, 3 and 8 print the bytes of -j 1 ({n} modules in cycles)",
               first[0] == 1 and all(v == first for v in by_jobs.values()),
               f"exit {first[0]}: {first[2][:300]}")
    diff = outputs[("--diff",)]["1"][1]
    expect("... and the plan moves imports into functions and constants into ring/config.py",
           "+    import ring.m" in diff and "+from ring.config import" in diff, diff[:300])


def readme_example():
    """README.md's text report example is a golden case's report."""
    with open(os.path.join(HERE, "..", "README.md"), encoding="utf-8") as f:
        readme = f.read()
    section = readme.split("### The text report\n", 1)[-1]
    block = section.split("```\n", 2)[1] if section.count("```") >= 2 else ""
    with open(os.path.join(HERE, "..", "golden", "plan", "partly-unbreakable", "expected.report"), encoding="utf-8") as f:
        expect("README's text report example is golden/plan/partly-unbreakable/expected.report", block == f.read(), block)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--decycle", required=True)
    decycle = os.path.abspath(ap.parse_args().decycle)
    with tempfile.TemporaryDirectory() as tmp:
        project = os.path.join(tmp, "project")
        shutil.copytree(SEED, project)

        rc, out, err = run(decycle, "--bogus", project)
        expect("unknown option exits 2", rc == 2 and "unknown option '--bogus'" in err, err)
        rc, out, err = run(decycle, os.path.join(tmp, "missing"))
        expect("missing PATH exits 2", rc == 2 and "cannot scan" in err, err)
        rc, out, err = run(decycle, os.path.join(project, "model.py"))
        expect("PATH that is a file exits 2", rc == 2 and "not a folder" in err, err)
        rc, out, err = run(decycle, "--verify", project)
        expect("--verify needs --diff or --apply", rc == 2 and "--verify needs --diff or --apply" in err, err)
        rc, out, err = run(decycle, "--diff", "--apply", project)
        expect("two modes are refused", rc == 2, err)
        rc, out, err = run(decycle, "--config-module", "app..config", project)
        expect("--config-module needs a dotted name", rc == 2 and "dotted module name" in err, err)
        rc, out, err = run(decycle, "--exclude", "(", project)
        expect("a bad regex exits 2 with its offset", rc == 2 and "offset" in err, err)
        # --format: the five names, nothing else; the report-only formats
        # refuse the other modes before anything is read or written.
        rc, out, err = run(decycle, "--format", "xml", project)
        expect("unknown format exits 2 and names the formats",
               rc == 2 and out == "" and "unknown format 'xml' (expected text, json, github, sarif or dot)" in err,
               err)
        rc, out, err = run(decycle, "--format", "GitHub", project)
        expect("format names are case-sensitive", rc == 2 and "unknown format 'GitHub'" in err, err)
        rc, out, err = run(decycle, "--format")
        expect("--format without a value exits 2", rc == 2 and "option '--format' needs a value" in err, err)
        before = snapshot(project)
        for fmt in ("github", "sarif", "dot"):
            for mode in ("--diff", "--apply", "--explain"):
                rc, out, err = run(decycle, mode, f"--format={fmt}", project)
                expect(f"--format {fmt} with {mode} exits 2", rc == 2 and out == "" and
                       f"'--format {fmt}' is a report format; it cannot be combined with --diff, --apply or --explain"
                       in err, err)
            rc, out, err = run(decycle, "--format", fmt, project)
            expect(f"--format {fmt} reports the cycle (exit 1)", rc == 1 and out, err)
            rc, out, err = run(decycle, "--format", fmt, os.path.join(tmp, "missing"))
            expect(f"--format {fmt} on a missing PATH exits 2", rc == 2 and "cannot scan" in err and out == "", err)
        expect("the refused --format runs wrote nothing", snapshot(project) == before)
        rc, out, err = run(decycle, "--diff", "--format", "json", project)
        expect("--format json with --diff is still accepted (and prints the diff)",
               rc == 1 and out.startswith("diff --git"), err)
        rc, out, err = run(decycle, "--help")
        expect("--help names the formats", "--format text|json|github|sarif|dot" in out, out)

        # --verify with an interpreter that fails once the rewrite is there.
        fake = os.path.join(tmp, "fake-python")
        with open(fake, "w") as f:
            f.write("#!/bin/sh\nif grep -rqs 'decycle: breaks' .; then\n"
                    "  echo 'ImportError: simulated failure' >&2; exit 1\nfi\nexit 0\n")
        os.chmod(fake, 0o755)
        before = snapshot(project)
        rc, out, err = run(decycle, "--apply", "--verify", "--python", fake, project)
        expect("--verify refuses a rewrite that breaks an import", rc == 2 and "refused" in err, err)
        expect("--verify refusal writes nothing", snapshot(project) == before)
        rc, out, err = run(decycle, "--apply", "--verify", "--python", os.path.join(tmp, "no-such-python"), project)
        expect("--verify with a missing interpreter exits 2", rc == 2 and "cannot run" in err, err)
        expect("... and writes nothing", snapshot(project) == before)

        # --apply keeps file modes, even of a read-only file.
        layers = os.path.join(project, "layers.py")
        os.chmod(layers, 0o444)
        rc, out, err = run(decycle, "--apply", project)
        mode = stat.S_IMODE(os.stat(layers).st_mode)
        expect("--apply rewrites a read-only file and keeps its mode", rc == 0 and mode == 0o444,
               f"exit {rc}, mode {oct(mode)}: {err}")
        expect("no temporary file is left", not [f for f in os.listdir(project) if ".decycle-" in f])
        rc, out, err = run(decycle, "--diff", project)
        expect("after --apply, --diff is empty", rc == 0 and out == "", out)
        bad_inputs(decycle, tmp)
        comment_runs(decycle, tmp)
        terminal(decycle, tmp)
        threads_agree(decycle, tmp)
    readme_example()
    print(f"cli_test: {len(FAILURES)} failed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
