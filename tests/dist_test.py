#!/usr/bin/env python3
"""How decycle installs, one ctest entry per subcommand (dist/*):

  help        --help fits on one screen (24 lines, 80 columns); --version
  man-sync    every option of --help has an entry under OPTIONS in the man
              page, with the same value, and every entry there is in --help
  man-render  the man page renders without a groff warning
  completion  the bash completion: options, --format values, folders, files
  pre-commit  .pre-commit-hooks.yaml: its structure, pre-commit's own check,
              and pre-commit running the hook on small repositories
  wheel       src/dist/build_wheel.py: the wheel's files, then pip installs
              it in a fresh venv, decycle runs from there, pip uninstalls it
  install     cmake --install puts the binary, man page and completion in place

usage: dist_test.py SUBCOMMAND [options]   (see each subcommand's --help)
"""
import argparse
import base64
import csv
import hashlib
import io
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
import sysconfig
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(HERE)
CYCLE_PROJECT = os.path.join(SOURCE, "golden", "analysis", "keras-seed")
FAILURES = []

# An option line of --help: '  [-x, ]--name [VALUE]  text', indented 2 to 6.
HELP_OPTION = re.compile(r"^ {2,6}(-[a-zA-Z], +)?(--[a-z0-9][a-z0-9-]*)( ([^ ]+))?(  |$)")


def expect(name, cond, detail=""):
    print(("ok   " if cond else "FAIL ") + name)
    if not cond:
        FAILURES.append(f"{name}: {detail}" if detail else name)


def run(cmd, **kw):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def help_options(help_text):
    """Maps each option of a --help text (long and short) to its VALUE ('' for none)."""
    out = {}
    for line in help_text.splitlines():
        m = HELP_OPTION.match(line)
        if m:
            out[m.group(2)] = m.group(4) or ""
            if m.group(1):
                out[m.group(1).split(",")[0]] = m.group(4) or ""
    return out


def roff_args(s):
    """Splits a roff macro's arguments as troff does: spaces, "quoted" words."""
    args, cur, quoted, i = [], "", False, 0
    while i < len(s):
        c = s[i]
        if c == '"':
            if quoted and i + 1 < len(s) and s[i + 1] == '"':
                cur += '"'
                i += 1
            else:
                quoted = not quoted
        elif c == " " and not quoted:
            if cur:
                args.append(cur)
            cur = ""
        else:
            cur += c
        i += 1
    if cur:
        args.append(cur)
    return args


def roff_text(line):
    """The plain text of one roff line: font macros and escapes removed."""
    m = re.match(r"^\.(B|I|BR|RB|BI|IB|IR|RI)\s+(.*)$", line)
    if m:
        args = roff_args(m.group(2))
        line = (" " if len(m.group(1)) == 1 else "").join(args)
    elif line.startswith("."):
        return ""
    line = re.sub(r"\\f(\(..|\[[^]]*\]|.)", "", line)
    line = line.replace("\\-", "-").replace("\\(aq", "'").replace("\\&", "").replace("\\e", "\\")
    return line


def man_options(man_text):
    """Maps each option with an entry under OPTIONS in a man page's source to
    its VALUE, as help_options does for --help."""
    lines = man_text.splitlines()
    out = {}
    in_options = False
    for i, line in enumerate(lines):
        if line.startswith(".SH"):
            in_options = roff_args(line[3:]) == ["OPTIONS"]
        elif in_options and line.startswith(".TP") and i + 1 < len(lines):
            tag = roff_text(lines[i + 1])
            names = re.findall(r"(?:^|, )(--?[A-Za-z0-9][A-Za-z0-9-]*)", tag)
            value = tag.rsplit(" ", 1)[1] if re.search(r"[A-Za-z0-9-] [^ ,]+$", tag) else ""
            for name in names:
                out[name] = value
    return out


def decycle_help(decycle):
    rc, out, err = run([decycle, "--help"])
    if rc != 0:
        sys.exit(f"'{decycle} --help' exited {rc}: {err}")
    return out


def cmd_help(args):
    rc, out, err = run([args.decycle, "--help"])
    expect("--help exits 0 and writes only stdout", rc == 0 and out and not err, f"rc {rc}, stderr {err!r}")
    lines = out.splitlines()
    expect(f"--help has at most 24 lines (has {len(lines)})", len(lines) <= 24, out)
    wide = [f"line {n}: {len(line)} columns" for n, line in enumerate(lines, 1) if len(line) > 80]
    expect("--help has no line over 80 columns", not wide, "; ".join(wide))
    expect("--help has no tab", "\t" not in out)
    expect("--help points to 'man decycle'", "man decycle" in out, out)
    rc2, out2, _ = run([args.decycle, "-h"])
    expect("-h prints the same as --help", rc2 == 0 and out2 == out)
    expect("--help lists options", len(help_options(out)) >= 10, sorted(help_options(out)))
    rc, out, err = run([args.decycle, "--version"])
    expect("--version exits 0 and writes only stdout", rc == 0 and not err, f"rc {rc}, stderr {err!r}")
    expect(f"--version prints 'decycle {args.version}'", out == f"decycle {args.version}\n", repr(out))


def cmd_man_sync(args):
    helped = help_options(decycle_help(args.decycle))
    with open(args.man, encoding="utf-8") as f:
        man = f.read()
    manned = man_options(man)
    page = args.man_source or args.man
    expect("the man page has entries under OPTIONS", len(manned) >= 10, sorted(manned))
    for opt in sorted(set(helped) - set(manned)):
        expect(f"option '{opt}' is in 'decycle --help' but has no entry under OPTIONS in {page}", False)
    for opt in sorted(set(manned) - set(helped)):
        expect(f"option '{opt}' has an entry under OPTIONS in {page} but is not in 'decycle --help'", False)
    for opt in sorted(set(helped) & set(manned)):
        expect(f"option '{opt}' takes '{helped[opt]}' in 'decycle --help' and '{manned[opt]}' in {page}",
               helped[opt] == manned[opt])
    rc, version, _ = run([args.decycle, "--version"])
    th = next((line for line in man.splitlines() if line.startswith(".TH")), "")
    expect(f"the man page's .TH names '{version.strip()}'", f'"{version.strip()}"' in th, th)


def cmd_man_render(args):
    rc, out, err = run(["groff", "-man", "-Tutf8", "-ww", "-z", args.man])
    expect("groff -man -ww renders the man page without a warning", rc == 0 and not err, err)
    env = dict(os.environ, MANWIDTH="80", LC_ALL="C.UTF-8")
    env.pop("MAN_KEEP_FORMATTING", None)
    rc, out, err = run(["man", "--warnings", "-l", args.man], env=env)
    expect("man --warnings -l renders the man page without a warning", rc == 0 and not err, err)
    for section in ("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "FILES", "EXAMPLES"):
        expect(f"the man page has a section {section}", f"\n{section}\n" in out)
    expect("the man page has no line over 80 columns at MANWIDTH=80",
           all(len(line) <= 80 for line in out.splitlines()), max(out.splitlines(), key=len))


def complete(script, words, cwd, env=None):
    """Runs the completion function for the command line `words` (the last
    word is the one being completed) and returns COMPREPLY as a list."""
    prog = (f"source {shlex.quote(script)} || exit 9\n"
            f"COMP_WORDS=({' '.join(shlex.quote(w) for w in words)})\n"
            f"COMP_CWORD={len(words) - 1}\n"
            f"_decycle || exit 8\n"
            f"((${{#COMPREPLY[@]}} == 0)) || printf '%s\\n' \"${{COMPREPLY[@]}}\"\n")
    rc, out, err = run(["bash", "--norc", "--noprofile", "-c", prog], cwd=cwd, env=env)
    if rc != 0 or err:
        return [f"<bash exited {rc}: {err.strip()}>"]
    return sorted(out.splitlines())


def cmd_completion(args):
    d = args.decycle
    with tempfile.TemporaryDirectory(prefix="decycle-completion-") as top:
        tmp = os.path.join(top, "project")  # where the command line is typed
        os.makedirs(os.path.join(tmp, "pkg"))
        os.makedirs(os.path.join(tmp, "two words"))
        for name in ("a.py", "base.json"):
            open(os.path.join(tmp, name), "w").close()
        rc, out, err = run(["bash", "--norc", "--noprofile", "-c", f"source {shlex.quote(args.script)} && complete -p decycle"])
        expect("sourcing the script registers _decycle for decycle", rc == 0 and "-F _decycle" in out and out.rstrip().endswith(" decycle"),
               out + err)

        def case(words, want, name=None, env=None):
            got = complete(args.script, [d, *words], tmp, env)
            expect(f"complete {name or words!r} -> {want!r}", got == want, f"got {got!r}")

        helped = help_options(decycle_help(d))
        formats = helped.get("--format", "").split("|")
        case(["-"], sorted(helped), name="['-'] -> every option of --help")
        case(["--fo"], ["--format"])
        case(["--ex"], ["--exclude", "--explain"])
        case(["--format", ""], sorted(formats), name="['--format', ''] -> the formats of --help")
        case(["--format", "j"], ["json"])
        case(["--format", "=", ""], sorted(formats), name="['--format', '=', ''] -> the formats")
        case(["--format", "=", "t"], ["text"])
        case(["--format=j"], ["--format=json"])
        case(["--color", ""], ["always", "auto", "never"])
        case(["--color=n"], ["--color=never"])
        case(["--root", ""], ["pkg", "two words"])
        case(["--root", "p"], ["pkg"])
        case([""], ["pkg", "two words"], name="PATH -> folders")
        case(["--diff", "t"], ["two words"])
        case(["--python", ""], ["a.py", "base.json", "pkg", "two words"])
        case(["--exclude", ""], [])
        case(["--jobs", ""], [])
        case(["--format", "json", "-j"], ["-j"])

        # Options added later are completed from their --help line alone.
        stub = os.path.join(top, "bin", "decycle")
        os.makedirs(os.path.dirname(stub))
        with open(stub, "w") as f:
            f.write("#!/bin/sh\ncat <<'EOF'\nusage: decycle [OPTIONS] [PATH]\n\n"
                    "  --baseline FILE         cycles to accept\n"
                    "  --color auto|always|never\n"
                    "                          when to color\n"
                    "  --target-version 3.X    the oldest Python\n"
                    "  -q, --quiet             say less\n"
                    "                          --not-an-option: continued text\n"
                    "EOF\n")
        os.chmod(stub, 0o755)
        d = stub
        case(["-"], ["--baseline", "--color", "--quiet", "--target-version", "-q"], name="stub: ['-'] -> its options")
        case(["--baseline", "b"], ["base.json"], name="stub: --baseline FILE -> files")
        case(["--color", ""], ["always", "auto", "never"], name="stub: --color auto|always|never")
        case(["--target-version", ""], [], name="stub: --target-version 3.X -> nothing")
        d = os.path.join(top, "missing", "decycle")
        case(["--"], [], name="a decycle that cannot run: no options")
        case([""], ["pkg", "two words"], name="a decycle that cannot run: PATH -> folders")


def cmd_pre_commit(args):
    try:
        import yaml
    except ImportError:
        yaml = None
    with open(args.hooks, encoding="utf-8") as f:
        text = f.read()
    expect("python3 can import yaml (Debian: python3-yaml)", yaml is not None)
    if yaml is None:
        return
    hooks = yaml.safe_load(text)
    expect(".pre-commit-hooks.yaml is a list of hooks", isinstance(hooks, list) and hooks and all(isinstance(h, dict) for h in hooks), repr(hooks))
    if not (isinstance(hooks, list) and hooks and isinstance(hooks[0], dict)):
        return
    hook = next((h for h in hooks if h.get("id") == "decycle"), None)
    expect("there is a hook with id 'decycle'", hook is not None, repr(hooks))
    if hook is None:
        return
    for key in ("id", "name", "entry", "language"):
        expect(f"the hook has a string '{key}'", isinstance(hook.get(key), str) and hook.get(key), repr(hook))
    expect("the hook's entry runs decycle --check", shlex.split(hook.get("entry", ""))[:1] == ["decycle"]
           and "--check" in shlex.split(hook.get("entry", "")), hook.get("entry"))
    expect("the hook's language is system or python", hook.get("language") in ("system", "python"), hook.get("language"))
    expect("the hook does not pass file names", hook.get("pass_filenames") is False, repr(hook.get("pass_filenames")))
    expect("the hook runs for Python files", hook.get("types") == ["python"], repr(hook.get("types")))
    known = {"id", "name", "entry", "language", "files", "exclude", "types", "types_or", "exclude_types",
             "always_run", "fail_fast", "verbose", "pass_filenames", "require_serial", "description",
             "language_version", "minimum_pre_commit_version", "args", "stages", "additional_dependencies", "log_file"}
    expect("the hook has only keys pre-commit knows", set(hook) <= known, sorted(set(hook) - known))

    pre_commit = shutil.which("pre-commit")
    expect("pre-commit is installed (Debian: pre-commit)", pre_commit is not None)
    if pre_commit is None:
        return
    rc, out, err = run([pre_commit, "validate-manifest", args.hooks])
    expect("pre-commit validate-manifest accepts it", rc == 0, out + err)

    with tempfile.TemporaryDirectory(prefix="decycle-pre-commit-") as tmp:
        env = dict(os.environ, PRE_COMMIT_HOME=os.path.join(tmp, "cache"), HOME=tmp,
                   PATH=os.path.abspath(args.decycle_dir) + os.pathsep + os.environ.get("PATH", ""),
                   GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
                   GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org",
                   GIT_CONFIG_NOSYSTEM="1", PRE_COMMIT_COLOR="never")
        for var in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
            env.pop(var, None)

        def git(*a, cwd):
            rc, out, err = run(["git", *a], cwd=cwd, env=env)
            if rc != 0:
                sys.exit(f"git {' '.join(a)}: {err}")
            return out.strip()

        # The hook repository, as a user's .pre-commit-config.yaml names it.
        hook_repo = os.path.join(tmp, "hook-repo")
        os.makedirs(hook_repo)
        shutil.copy(args.hooks, os.path.join(hook_repo, ".pre-commit-hooks.yaml"))
        git("init", "-q", cwd=hook_repo)
        git("add", ".", cwd=hook_repo)
        git("commit", "-q", "-m", "hooks", cwd=hook_repo)
        rev = git("rev-parse", "HEAD", cwd=hook_repo)
        config = f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: decycle\n"

        def project(name, files):
            root = os.path.join(tmp, name)
            os.makedirs(root)
            for rel, data in files.items():
                os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
                with open(os.path.join(root, rel), "w") as f:
                    f.write(data)
            with open(os.path.join(root, ".pre-commit-config.yaml"), "w") as f:
                f.write(config)
            git("init", "-q", cwd=root)
            git("add", ".", cwd=root)
            return root

        def read_tree(path):
            files = {}
            for rel in sorted(os.listdir(path)):
                with open(os.path.join(path, rel)) as f:
                    files[rel] = f.read()
            return files

        cases = [
            ("cycle", read_tree(os.path.join(CYCLE_PROJECT, "input"))),
            ("clean", {"pkg/__init__.py": "", "pkg/a.py": "import os\n", "pkg/b.py": "from pkg import a\n"}),
        ]
        entry = shlex.split(hook["entry"])
        # Until decycle has --check, 'decycle --check' is a usage error (2)
        # everywhere; once it has it, the outcome must follow the cycle.
        has_check = "--check" in help_options(decycle_help(os.path.join(args.decycle_dir, "decycle")))
        for name, files in cases:
            root = project(name, files)
            want, out, err = run(entry, cwd=root, env=env)
            if has_check:
                expect(f"'{hook['entry']}' exits {1 if name == 'cycle' else 0} on the {name} project",
                       want == (1 if name == "cycle" else 0), f"exit {want}: {out}{err}")
            rc, pout, perr = run([pre_commit, "run", "--all-files"], cwd=root, env=env)
            verdict = "Passed" if want == 0 else "Failed"
            expect(f"pre-commit on the {name} project: {verdict}, as '{hook['entry']}' there exits {want}",
                   (rc == 0) == (want == 0) and verdict in pout, pout + perr)
            if want != 0:
                shown = (out + err).strip().splitlines()
                expect(f"pre-commit on the {name} project shows decycle's output",
                       shown and all(line.strip() in pout for line in shown), pout)
        root = project("no-python", {"README.txt": "no code\n"})
        rc, pout, perr = run([pre_commit, "run", "--all-files"], cwd=root, env=env)
        expect("pre-commit skips the hook when no Python file is there", rc == 0 and "Skipped" in pout, pout + perr)


def check_wheel_files(path, version, binary):
    """The wheel's name, layout, metadata, RECORD hashes and file modes."""
    name = os.path.basename(path)
    m = re.fullmatch(rf"decycle-{re.escape(version)}-py3-none-(linux_[a-z0-9_]+)\.whl", name)
    expect(f"the wheel's name is decycle-{version}-py3-none-linux_<arch>.whl", m is not None, name)
    plat = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    expect(f"the wheel's platform tag is this machine's ({plat})", m is not None and m.group(1) == plat, name)
    info = f"decycle-{version}.dist-info"
    script = f"decycle-{version}.data/scripts/decycle"
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        expect("the wheel holds the binary, the package and the dist-info",
               set(names) == {"decycle/__init__.py", "decycle/__main__.py", script,
                              f"{info}/METADATA", f"{info}/WHEEL", f"{info}/RECORD"}, names)
        expect("RECORD is the last file", names[-1] == f"{info}/RECORD", names)
        with open(binary, "rb") as f:
            expect("the scripts/decycle in the wheel is the binary", zf.read(script) == f.read())
        mode = zf.getinfo(script).external_attr >> 16
        expect("the binary is a regular file with mode 755 in the wheel", stat.S_ISREG(mode) and stat.S_IMODE(mode) == 0o755, oct(mode))
        meta = zf.read(f"{info}/METADATA").decode()
        head = dict(line.split(": ", 1) for line in meta.split("\n\n")[0].splitlines())
        for key, want in (("Metadata-Version", "2.1"), ("Name", "decycle"), ("Version", version)):
            expect(f"METADATA {key}: {want}", head.get(key) == want, meta)
        expect("METADATA has a Summary and Requires-Python", head.get("Summary") and head.get("Requires-Python"), meta)
        wheel = dict(line.split(": ", 1) for line in zf.read(f"{info}/WHEEL").decode().splitlines())
        expect("WHEEL: Wheel-Version 1.0, not purelib, the file name's tag",
               wheel.get("Wheel-Version") == "1.0" and wheel.get("Root-Is-Purelib") == "false"
               and m is not None and wheel.get("Tag") == f"py3-none-{m.group(1)}" and wheel.get("Generator"), wheel)
        rows = list(csv.reader(io.StringIO(zf.read(f"{info}/RECORD").decode())))
        expect("RECORD lists every file once", sorted(r[0] for r in rows) == sorted(names), rows)
        for rel, digest, size in rows:
            if rel == f"{info}/RECORD":
                expect("RECORD's own row has no hash", digest == "" and size == "", (digest, size))
                continue
            data = zf.read(rel)
            want = "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            expect(f"RECORD hash and size of {rel}", digest == want and size == str(len(data)), (digest, size))


def cmd_wheel(args):
    with tempfile.TemporaryDirectory(prefix="decycle-wheel-") as tmp:
        dist = os.path.join(tmp, "dist")
        rc, out, err = run([sys.executable, args.builder, "--binary", args.decycle, "--version", args.version, "--out", dist])
        expect("build_wheel.py exits 0 and prints the wheel's path", rc == 0 and os.path.isfile(out.strip()), out + err)
        if rc != 0:
            return
        wheel = out.strip()
        check_wheel_files(wheel, args.version, args.decycle)
        with open(wheel, "rb") as f:
            first = f.read()
        rc, out, err = run([sys.executable, args.builder, "--binary", args.decycle, "--version", args.version, "--out", dist])
        with open(wheel, "rb") as f:
            expect("building it again gives the same bytes", rc == 0 and f.read() == first)
        rc, out, err = run([sys.executable, args.builder, "--binary", args.builder, "--version", args.version, "--out", dist])
        expect("a binary that is not ELF is refused (exit 2)", rc == 2 and "not an ELF" in err, err)

        venv = os.path.join(tmp, "venv")
        rc, out, err = run([sys.executable, "-m", "venv", venv])
        expect(f"{sys.executable} -m venv works (Debian: python3-venv)", rc == 0, err)
        if rc != 0:
            return
        py, pip = os.path.join(venv, "bin", "python"), os.path.join(venv, "bin", "pip")
        env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1")
        env.pop("PYTHONPATH", None)
        rc, out, err = run([pip, "install", "--no-index", wheel], env=env)
        expect("pip install --no-index the wheel", rc == 0, out + err)
        exe = os.path.join(venv, "bin", "decycle")
        expect("the venv's bin/decycle is executable", os.access(exe, os.X_OK))
        rc, out, err = run([exe, "--version"], cwd=tmp)
        expect("the installed decycle --version", rc == 0 and out == f"decycle {args.version}\n", out + err)
        rc, out, err = run([py, "-m", "decycle", "--version"], cwd=tmp)
        expect("python -m decycle --version", rc == 0 and out == f"decycle {args.version}\n", out + err)
        with open(os.path.join(CYCLE_PROJECT, "expected.report")) as f:
            report = f.read()
        rc, out, err = run([exe, os.path.join(CYCLE_PROJECT, "input")])
        expect("the installed decycle finds the keras-seed cycle: exit 1 and its report", rc == 1 and out == report, f"exit {rc}\n{out}{err}")
        rc, out, err = run([py, "-m", "decycle", os.path.join(CYCLE_PROJECT, "input")], cwd=tmp)
        expect("python -m decycle passes its arguments and exit status", rc == 1 and out == report, f"exit {rc}\n{out}{err}")
        rc, out, err = run([pip, "uninstall", "-y", "decycle"], env=env)
        expect("pip uninstall removes the binary and the package", rc == 0 and not os.path.exists(exe)
               and not run([py, "-c", "import decycle"], cwd=tmp)[0] == 0, out + err)


def cmd_install(args):
    with tempfile.TemporaryDirectory(prefix="decycle-install-") as prefix:
        rc, out, err = run([args.cmake, "--install", args.build_dir, "--prefix", prefix])
        expect("cmake --install exits 0", rc == 0, out + err)
        files = {"bin/decycle": 0o755, "share/man/man1/decycle.1": 0o644,
                 "share/bash-completion/completions/decycle": 0o644}
        for rel, mode in files.items():
            path = os.path.join(prefix, rel)
            ok = os.path.isfile(path) and stat.S_IMODE(os.stat(path).st_mode) == mode
            expect(f"installs {rel} with mode {mode:o}", ok)
        env = dict(os.environ, MANPATH=os.path.join(prefix, "share", "man"))
        rc, out, err = run(["man", "-w", "decycle"], env=env)
        expect("man finds the installed page through MANPATH", rc == 0 and out.strip() == os.path.join(prefix, "share/man/man1/decycle.1"), out + err)
        with open(os.path.join(prefix, "share/man/man1/decycle.1")) as f:
            page = f.read()
        expect("the installed page carries the version, not a placeholder", "@" not in page.split("\n.SH")[0] and f'"decycle {args.version}"' in page)
        script = os.path.join(prefix, "share/bash-completion/completions/decycle")
        got = complete(script, [os.path.join(prefix, "bin", "decycle"), "--ver"], prefix)
        expect("the installed completion completes the installed decycle", got == ["--verify", "--version"], got)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("help")
    p.add_argument("--decycle", required=True)
    p.add_argument("--version", required=True, help="the version --version must print")
    p = sub.add_parser("man-sync")
    p.add_argument("--decycle", required=True)
    p.add_argument("--man", required=True, help="the man page (as configured)")
    p.add_argument("--man-source", help="the page's name in messages (its source file)")
    p = sub.add_parser("man-render")
    p.add_argument("--man", required=True)
    p = sub.add_parser("completion")
    p.add_argument("--decycle", required=True)
    p.add_argument("--script", required=True)
    p = sub.add_parser("pre-commit")
    p.add_argument("--hooks", required=True)
    p.add_argument("--decycle-dir", required=True, help="the folder of the decycle the hook runs")
    p = sub.add_parser("wheel")
    p.add_argument("--decycle", required=True)
    p.add_argument("--version", required=True)
    p.add_argument("--builder", required=True, help="src/dist/build_wheel.py")
    p = sub.add_parser("install")
    p.add_argument("--cmake", required=True)
    p.add_argument("--build-dir", required=True)
    p.add_argument("--version", required=True)
    args = ap.parse_args()
    for key in ("decycle", "man", "script", "hooks", "decycle_dir", "builder", "build_dir"):
        if getattr(args, key, None):
            setattr(args, key, os.path.abspath(getattr(args, key)))
    {"help": cmd_help, "man-sync": cmd_man_sync, "man-render": cmd_man_render, "completion": cmd_completion,
     "pre-commit": cmd_pre_commit, "wheel": cmd_wheel, "install": cmd_install}[args.cmd](args)
    if FAILURES:
        print(f"\n{len(FAILURES)} failed:", file=sys.stderr)
        for f in FAILURES:
            print("  " + f, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
