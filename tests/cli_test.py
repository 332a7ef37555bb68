#!/usr/bin/env python3
"""Command-line behaviour of decycle that golden cases cannot show: usage and
I/O errors (exit 2, nothing written), --apply keeping file modes, and
--verify refusing a rewrite when a module that imported before fails after.

usage: cli_test.py --decycle BINARY
"""
import argparse
import os
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
    print(f"cli_test: {len(FAILURES)} failed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
