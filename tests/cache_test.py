#!/usr/bin/env python3
"""The cache, end to end (ctest: cache).

Each check runs the real decycle on a scratch project with DECYCLE_CACHE_DIR
set to a scratch folder and compares with a --no-cache run:

- a warm run prints the same bytes and exit status as the cold one, and opens
  no source file of the project (strace watches its openat calls);
- a changed file is seen: new content gives the new report, whether its stat
  data changed or not (a file rewritten within the same second, same size);
- a file whose content is unchanged but whose stat data changed (touch) is
  read again but not parsed again, and the output is the same;
- corrupt, truncated, empty, re-versioned and junk cache files are ignored
  and replaced: the output is still right and the next run is warm again;
- --no-cache neither reads nor writes the cache;
- --apply always does the work (and uses the facts cache safely);
- eight concurrent runs on one cache all print the right output, and leave a
  cache that the next run reads;
- an unwritable cache folder does not fail the run;
- the plan's memo: edits that change what a verdict read are planned again,
  a comment in the module an edge imports from is not (the importer is not
  read); an edited file of a cycle loaded early, on its own thread, gives
  the same plan;
- facts packs: one per run that parsed files, at most 8, and a lost pack
  costs a parse, never a wrong output;
- the graph: taken from the cache when no file's facts changed, built again
  when one did.

usage: cache_test.py DECYCLE
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

FAILURES = []


def expect(what, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        FAILURES.append(what)
        if detail:
            print("     " + str(detail)[:2000].replace("\n", "\n     "))


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def make_project(root):
    """A package with a cycle (a <-> b) and a module outside it."""
    write(os.path.join(root, "pkg", "__init__.py"), "")
    write(os.path.join(root, "pkg", "a.py"), "from pkg import b\n\nA = 1\n")
    write(os.path.join(root, "pkg", "b.py"), "from pkg.a import A\n\nB = A + 1\n")
    write(os.path.join(root, "pkg", "c.py"), "import os\n\nC = os.sep\n")
    make_old(root)


def make_old(root):
    """Old mtimes: a stat match is only trusted for files and folders
    modified well before the run that recorded them."""
    for dirpath, _, names in os.walk(root, topdown=False):
        for n in names:
            os.utime(os.path.join(dirpath, n), (1_600_000_000, 1_600_000_000))
        os.utime(dirpath, (1_600_000_000, 1_600_000_000))


def run(decycle, cache, *args, strace_log=None):
    env = dict(os.environ, DECYCLE_CACHE_DIR=cache)
    cmd = [decycle] + list(args)
    if strace_log:
        cmd = ["strace", "-f", "-qq", "-e", "trace=openat", "-o", strace_log] + cmd
        # LeakSanitizer cannot run under ptrace (a sanitizer build)
        env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":detect_leaks=0"
    p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    return p.stdout, p.stderr, p.returncode


def cache_files(cache):
    """The files of the cache folder, as paths relative to it."""
    return sorted(os.path.relpath(os.path.join(d, n), cache) for d, _, names in os.walk(cache) for n in names)


def opened_sources(log, project):
    with open(log) as f:
        return [line for line in f if project in line and ".py\"" in line]


def listed_folders(log, project):
    with open(log) as f:
        return [line for line in f if project in line and "O_DIRECTORY" in line]


def wide_project(decycle, tmp, have_strace):
    """Over a thousand folders and 600 modules: a warm run replays without
    listing a folder, and still sees a new module in the last folder and a
    changed one in the middle."""
    project, cache = os.path.join(tmp, "wide"), os.path.join(tmp, "wide-cache")
    write(os.path.join(project, "app", "__init__.py"), "")
    write(os.path.join(project, "app", "core.py"), "X = 1\n")
    for i in range(600):
        write(os.path.join(project, "app", f"part{i:03}", "data", f"m{i:03}.py"), "from app import core\n")
    make_old(project)
    uncached = run(decycle, cache, "--no-cache", "-j", "2", project)
    expect("the wide project has no cycle", uncached[2] == 0, uncached)
    run(decycle, cache, "-j", "2", project)
    log = os.path.join(tmp, "wide-strace.log")
    warm = run(decycle, cache, "-j", "2", project, strace_log=log if have_strace else None)
    expect("wide: a warm run prints the same bytes", warm == uncached, warm)
    if have_strace:
        listed = listed_folders(log, project)
        expect("wide: a warm run lists no folder", listed == [], listed[:3])
    # a new module in the last folder closes a cycle with core
    write(os.path.join(project, "app", "part599", "data", "late.py"), "from app import core\n")
    write(os.path.join(project, "app", "core.py"), "from app.part599.data import late\nX = 1\n")
    grown = run(decycle, cache, "-j", "2", project)
    expect("wide: a new module in the last folder is seen",
           grown[2] == 1 and b"late" in grown[0] and grown == run(decycle, cache, "--no-cache", project), grown)
    # a changed module in the middle (old mtime again, new size)
    write(os.path.join(project, "app", "core.py"), "X = 1\n")
    mid = os.path.join(project, "app", "part300", "data", "m300.py")
    write(mid, "from app import core\nfrom app.part301.data import m301\n")
    write(os.path.join(project, "app", "part301", "data", "m301.py"), "from app.part300.data import m300\n")
    make_old(project)
    changed = run(decycle, cache, "-j", "2", project)
    expect("wide: a changed module in the middle is seen",
           changed[2] == 1 and b"m300" in changed[0] and changed == run(decycle, cache, "--no-cache", project),
           changed)


# The plan's memo: after each edit, the warm run must print what a --no-cache
# run prints, and the edit must change that output (else the case proves
# nothing). Each edit changes what the assessment of an edge in the cycle
# pkg.a <-> pkg.b reads outside the edge's own file: an importer's facts
# (MEMO_IMPORTER), an importer's text (MEMO_TEXT), the constants of the module
# the edge imports and a module that changes them (MEMO_CONSTANTS), what a
# package binds (MEMO_PACKAGE), the lines of the imported module that may
# define the imported name (a part of its text: memo.h).
MEMO_CYCLE = {
    "pkg/__init__.py": "",
    "pkg/a.py": "from pkg.b import helper\n\n\ndef f():\n    return helper()\n",
    "pkg/b.py": "from pkg.a import f\n\nVALUE = f\n\n\ndef helper():\n    return 1\n",
}
MEMO_CASES = [
    ("an importer that starts importing the moved name",
     {"pkg/c.py": "import os\n"}, {"pkg/c.py": "from pkg.a import helper\n"}),
    ("an importer's facts, with the same edges",
     {"pkg/c.py": "from pkg.a import f, helper\n"}, {"pkg/c.py": "from pkg.a import f\n"}),
    ("an importer's text only (pkg.a.helper in a function)",
     {"pkg/c.py": "import pkg.a\n\n\ndef g():\n    return 1\n"},
     {"pkg/c.py": "import pkg.a\n\n\ndef g():\n    return pkg.a.helper\n"}),
    ("a module that changes a constant two cuts would move",
     {"pkg/a.py": "from pkg import b\n\nX = b.LIMIT * 2\n",
      "pkg/e.py": "from pkg import b\n\nZ = b.LIMIT + 1\n",
      "pkg/b.py": "from pkg import a, e\n\nLIMIT = 10\nY = a.X + e.Z\n",
      "pkg/d.py": "from pkg import b\n\n\ndef g():\n    return 0\n"},
     {"pkg/d.py": "from pkg import b\n\n\ndef g():\n    b.LIMIT = 5\n"}),
    ("a new importer that changes a constant the cut would move",
     {"pkg/a.py": "from pkg import b\n\nX = b.LIMIT * 2\n",
      "pkg/b.py": "from pkg import a\n\nLIMIT = 10\nY = a.X\n",
      "pkg/d.py": "import os\n"},
     {"pkg/d.py": "from pkg import b\n\nb.LIMIT = 5\n"}),
    ("the constant itself",
     {"pkg/a.py": "from pkg import b\n\nX = b.LIMIT * 2\n",
      "pkg/b.py": "from pkg import a\n\nLIMIT = 10\nY = a.X\n"},
     {"pkg/b.py": "from pkg import a\n\nLIMIT = len('0123456789')\nY = a.X\n"}),
    ("what a package binds",
     {"pkg/a.py": "from pkg import b\n\nX = b.LIMIT * 2\n",
      "pkg/b.py": "from pkg import a\n\nLIMIT = 10\nY = a.X\n"},
     {"pkg/__init__.py": "b = None\n"}),
    # (b's facts, its sites included, are the same before and after)
    ("the imported name becomes a constant of its module",
     {"pkg/a.py": "from pkg.b import LIMIT\n\nX = LIMIT * 2\n",
      "pkg/b.py": "from pkg.a import X\n\n\ndef LIMIT(): return 10\nY = X\n"},
     {"pkg/b.py": "from pkg.a import X\n\n\nLIMIT = 10\nY = X\n"}),
]


def memo_cases(decycle, tmp):
    for i, (what, extra, edit) in enumerate(MEMO_CASES):
        project, cache = os.path.join(tmp, f"memo{i}"), os.path.join(tmp, f"memo{i}-cache")
        for path, text in {**MEMO_CYCLE, **extra}.items():
            write(os.path.join(project, path), text)
        make_old(project)
        before = run(decycle, cache, "--no-cache", project)
        first = run(decycle, cache, project)
        for path, text in edit.items():
            write(os.path.join(project, path), text)
        after = run(decycle, cache, "--no-cache", project)
        warm = run(decycle, cache, project)
        expect(f"memo: {what}: the edit changes the plan", before[2] != 2 and before != after, (before, after))
        expect(f"memo: {what}: the warm run plans again", first == before and warm == after, (warm, after))


def append_comment(path):
    with open(path, "a") as f:
        f.write("# a comment after everything\n")


def comment_replays(decycle, tmp, project, cache, rel, prints, reads, have_strace, shows=b""):
    """Records a run of `project`, appends a comment to its file `rel` and
    runs decycle warm: that run must print what --no-cache prints (with
    `shows` in its stdout) and, under strace, open no source file but `rel`
    (`prints` and `reads` name the two checks)."""
    make_old(project)
    run(decycle, cache, project)
    append_comment(os.path.join(project, rel))
    log = os.path.join(tmp, "comment-strace.log")
    warm = run(decycle, cache, project, strace_log=log if have_strace else None)
    expect(prints, warm == run(decycle, cache, "--no-cache", project) and shows in warm[0], warm)
    if have_strace:
        opened = opened_sources(log, project)
        expect(reads, opened and all(os.path.basename(rel) in o for o in opened), opened)


def memo_reads(decycle, tmp, have_strace):
    """Two cycles; a comment appended to a file of one: only that file's
    edges are assessed again, and only that file is read."""
    project, cache = os.path.join(tmp, "memo-reads"), os.path.join(tmp, "memo-reads-cache")
    for path, text in MEMO_CYCLE.items():
        write(os.path.join(project, path), text)
    # (with `from pkg import y` in x.py instead, y's edge would read x's
    # text: x might read y.h, and then the import in y must stay)
    write(os.path.join(project, "pkg", "x.py"), "from pkg.y import g\n\n\ndef h():\n    return g()\n")
    write(os.path.join(project, "pkg", "y.py"), "from pkg.x import h\n\n\ndef g():\n    return h()\n")
    comment_replays(decycle, tmp, project, cache, "pkg/x.py", "memo: a comment in a cycle's file prints what --no-cache prints",
                    "memo: ... and only that file is read", have_strace)


def early_load(decycle, tmp):
    """With two threads, a file of a cycle that changed since the last run,
    and whose text that run's plan read, is loaded early, on its own thread
    (dc_fix_early): after a comment, then after a bare call at module level
    (no change to the facts, but the imported name is now used at import
    time), each warm run prints what --no-cache prints. The second run is
    right only if the first recorded that its plan read the early file."""
    project, cache = os.path.join(tmp, "early"), os.path.join(tmp, "early-cache")
    write(os.path.join(project, "pkg", "__init__.py"), "")
    write(os.path.join(project, "pkg", "x.py"), "from pkg.y import g\n\n\ndef h():\n    return g()\n")
    write(os.path.join(project, "pkg", "y.py"), "from pkg.x import h\n\n\ndef g():\n    return 1\n")
    make_old(project)
    first = run(decycle, cache, "-j", "2", project)
    x = os.path.join(project, "pkg", "x.py")
    append_comment(x)
    commented = run(decycle, cache, "-j", "2", project)
    expect("early: a comment in a cycle's file prints what --no-cache prints",
           commented == run(decycle, cache, "--no-cache", project) == first, commented)
    with open(x, "a") as f:
        f.write("g()\n")
    called = run(decycle, cache, "-j", "2", project)
    uncached = run(decycle, cache, "--no-cache", project)
    expect("early: then a call at import time prints what --no-cache prints, which changed",
           called == uncached and uncached != first, (called, uncached))


def graph_cache(decycle, tmp):
    """The graph is recorded with the warnings of its build: a run after an
    edit that changes no file's facts (a comment in a cycle's file, so that
    the run is not replayed) takes it from the cache, without writing it
    again, and prints what --no-cache prints, the warning too; an edit to an
    import builds it again."""
    project, cache = os.path.join(tmp, "graph"), os.path.join(tmp, "graph-cache")
    write(os.path.join(project, "pkg", "__init__.py"), "")
    write(os.path.join(project, "pkg", "a.py"), "from pkg import b\n\nA = 1\n")
    write(os.path.join(project, "pkg", "b.py"), "from pkg.a import A\n\nB = A + 1\n")
    write(os.path.join(project, "top.py"), "from .. import nothing\n")
    make_old(project)
    first = run(decycle, cache, project)
    graphs = [os.path.join(d, n) for d, _, names in os.walk(cache) for n in names if n == "graph"]
    expect("graph: a run records its graph", len(graphs) == 1, cache_files(cache))
    if len(graphs) != 1:
        return
    recorded = os.stat(graphs[0])
    append_comment(os.path.join(project, "pkg", "a.py"))
    commented = run(decycle, cache, project)
    expect("graph: after a comment the output is --no-cache's, the warning of the build too",
           commented == run(decycle, cache, "--no-cache", project) == first and b"beyond the top-level" in first[1],
           (commented, first))
    now = os.stat(graphs[0])
    expect("graph: ... and the recorded graph was used, not built and written again",
           (now.st_ino, now.st_mtime_ns) == (recorded.st_ino, recorded.st_mtime_ns))
    write(os.path.join(project, "pkg", "a.py"), "A = 1\n")
    edited = run(decycle, cache, project)
    expect("graph: after an import is removed the graph is built again (no cycle)",
           edited == run(decycle, cache, "--no-cache", project) and edited[2] == 0, edited)


def memo_parts(decycle, tmp, have_strace):
    """A comment appended to the module an edge imports from, when the
    assessment read only the lines of that module that may define a name:
    the verdict is replayed, and the importer is not read again."""
    project, cache = os.path.join(tmp, "memo-parts"), os.path.join(tmp, "memo-parts-cache")
    write(os.path.join(project, "pkg", "__init__.py"), "")
    # a -> b is needed at import time (a class base): the config-module
    # strategy looks for a definition of Base in b's lines, and finds none
    write(os.path.join(project, "pkg", "a.py"), "from pkg.b import Base\n\n\nclass A(Base):\n    pass\n")
    write(os.path.join(project, "pkg", "b.py"),
          "from pkg.a import A\n\n\nclass Base:\n    def make(self):\n        return A()\n")
    comment_replays(decycle, tmp, project, cache, "pkg/b.py",
                    "memo parts: a comment in the imported module prints what --no-cache prints",
                    "memo parts: ... and the importer is not read", have_strace, shows=b"pkg.a")
    # the changes a module's importer makes: a comment in the importer keeps
    # the verdicts of the edges into that module (the plan scanned d's text
    # for changes to b.LIMIT, and read its facts)
    write(os.path.join(project, "pkg", "a.py"), "from pkg import b\n\nX = b.LIMIT * 2\n")
    write(os.path.join(project, "pkg", "b.py"), "from pkg import a\n\nLIMIT = 10\nY = a.X\n")
    write(os.path.join(project, "pkg", "d.py"), "from pkg.b import LIMIT\n\n\ndef g():\n    return LIMIT\n")
    comment_replays(decycle, tmp, project, cache, "pkg/d.py",
                    "memo parts: a comment in a module's importer prints what --no-cache prints",
                    "memo parts: ... and the cycle's files are not read", have_strace, shows=b"pkg.b")


def cycle_and_importers(project, n):
    """MEMO_CYCLE and n modules pkg.m<i> that import pkg.a, all old."""
    for path, text in MEMO_CYCLE.items():
        write(os.path.join(project, path), text)
    for i in range(n):
        write(os.path.join(project, "pkg", f"m{i}.py"), "from pkg import a\n")
    make_old(project)


def pack_files(cache):
    """The paths of the cache's facts packs."""
    return [os.path.join(cache, f) for f in cache_files(cache) if os.path.basename(f).startswith("pack-")]


def packs(decycle, tmp):
    """Facts blobs live in pack files: a run that parsed a few files adds a
    small pack (none when their facts are those recorded); there are never
    more than 8, and a pack that disappears only makes its files parsed
    again."""
    project, cache = os.path.join(tmp, "packs"), os.path.join(tmp, "packs-cache")
    cycle_and_importers(project, 12)
    run(decycle, cache, project)

    counts, right = [], True
    for i in range(12):
        with open(os.path.join(project, "pkg", f"m{i}.py"), "a") as f:
            f.write(f"X{i} = {i}\n")
        right &= run(decycle, cache, project, "--format", "json") == run(decycle, cache, "--no-cache", "--format", "json", project)
        counts.append(len(pack_files(cache)))
    expect("packs: twelve runs that each parsed one changed file print what --no-cache prints", right)
    expect("packs: each adds a pack, and there are never more than 8", counts[:3] == [2, 3, 4] and max(counts) <= 8, counts)
    before = sorted(pack_files(cache))
    with open(os.path.join(project, "pkg", "m0.py"), "a") as f:
        f.write("# a comment, which changes no fact\n")
    right = run(decycle, cache, project, "--format", "json") == run(decycle, cache, "--no-cache", "--format", "json", project)
    expect("packs: a file edited without a change to its facts adds no pack", right and sorted(pack_files(cache)) == before,
           (before, pack_files(cache)))
    for f in pack_files(cache):
        os.remove(f)
    append_comment(os.path.join(project, "pkg", "a.py"))
    expected = run(decycle, cache, "--no-cache", project)
    expect("packs: with the packs gone the run is still right", run(decycle, cache, project) == expected)
    expect("packs: ... and the next one too", run(decycle, cache, project) == expected and len(pack_files(cache)) >= 1,
           pack_files(cache))


def while_graph_opens(decycle, cache, log, action, *args):
    """Runs decycle with `args` with the opening of the cache's graph file
    (after the stat checks and the parse, before the plan) held for 5 s
    under strace, and calls action() meanwhile; returns what run() does."""
    graph = os.path.join(cache, next(f for f in cache_files(cache) if os.path.basename(f) == "graph"))
    env = dict(os.environ, DECYCLE_CACHE_DIR=cache)
    env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":detect_leaks=0"
    cmd = ["strace", "-f", "-qq", "-e", "trace=openat", "-e", "inject=openat:delay_enter=5000000", "-P", graph,
           "-o", log, decycle] + list(args)
    if os.path.exists(log):
        os.remove(log)
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline and not (os.path.exists(log) and graph in open(log).read()):
        time.sleep(0.01)
    action()
    out, err = p.communicate(timeout=120)
    return out, err, p.returncode


def deferred_facts(decycle, tmp, have_strace):
    """The facts of a file that the cache vouches for, and whose parse gave
    no warning, are decoded only when first asked for (parse.c): a run that
    needs none opens no pack. A pack gone before a run makes its files
    parsed (and recorded) again; a pack gone during a run makes the files
    asked for parsed again, unless one of them changed since the run began:
    then the run stops (exit 2)."""
    project, cache = os.path.join(tmp, "deferred"), os.path.join(tmp, "deferred-cache")
    cycle_and_importers(project, 5)
    expected = run(decycle, cache, "--no-cache", project)
    run(decycle, cache, project)

    def forget_runs():
        for f in cache_files(cache):
            if os.path.basename(f).startswith("run-"):
                os.remove(os.path.join(cache, f))

    if not have_strace:
        return
    log = os.path.join(tmp, "deferred-strace.log")
    checked = run(decycle, cache, "--check", "--format", "json", project, strace_log=log)
    expect("deferred: a run that needs no facts (the graph cached, no plan) prints what --no-cache prints",
           checked == run(decycle, cache, "--no-cache", "--check", "--format", "json", project), checked)
    with open(log) as f:
        opened = [line for line in f if "pack-" in line]
    expect("deferred: ... and opens no pack", not opened, opened)

    for f in pack_files(cache):
        os.remove(f)
    forget_runs()
    expect("deferred: with the packs gone before a run, it prints what --no-cache prints",
           run(decycle, cache, project) == expected)
    forget_runs()
    run(decycle, cache, project, strace_log=log)
    expect("deferred: ... and the next run reads the pack the first recorded, and parses nothing",
           pack_files(cache) and not opened_sources(log, project), opened_sources(log, project))

    # (--diff: no memo, so the plan asks for the facts of the cycle's files)
    diff = run(decycle, cache, "--no-cache", "--diff", project)
    run(decycle, cache, "--diff", project)
    forget_runs()
    gone = while_graph_opens(decycle, cache, log, lambda: [os.remove(f) for f in pack_files(cache)], "--diff", project)
    expect("deferred: with the packs gone during a run, it prints what --no-cache prints", gone == diff, gone)

    forget_runs()
    run(decycle, cache, "--diff", project)  # (the packs gone at its start: it records them again)
    forget_runs()
    b = os.path.join(project, "pkg", "b.py")

    def change_b():
        for f in pack_files(cache):
            os.remove(f)
        write(b, MEMO_CYCLE["pkg/b.py"] + "import os\n")

    changed = while_graph_opens(decycle, cache, log, change_b, "--diff", project)
    expect("deferred: with the packs gone and a file of the cycle changed during a run, it stops (exit 2)",
           changed[2] == 2 and not changed[0] and b"pkg/b.py: error: changed while decycle ran" in changed[1], changed)


def bounded(decycle, tmp):
    """Runs on 70 projects (temporary copies, say) keep 64 project folders,
    the ones used last; the files of the earlier flat layout and temporary
    files left by a dead run go too."""
    cache = os.path.join(tmp, "bounded-cache")
    write(os.path.join(cache, "facts-0123"), "old layout")
    write(os.path.join(cache, ".tmp-dead"), "left by a run that died")
    os.utime(os.path.join(cache, ".tmp-dead"), (1_600_000_000, 1_600_000_000))
    write(os.path.join(cache, ".tmp-live"), "a run writing right now")
    projects = []
    for i in range(70):
        project = os.path.join(tmp, "bounded", f"p{i:02}")
        write(os.path.join(project, "m.py"), f"X = {i}\n")
        projects.append(project)
        run(decycle, cache, project)
        if i == 0:
            first = [d for d in os.listdir(cache) if os.path.isdir(os.path.join(cache, d))]
        if 0 < i < 10:
            run(decycle, cache, projects[0])  # the first project stays in use
    folders = [d for d in os.listdir(cache) if os.path.isdir(os.path.join(cache, d))]
    expect("bounded: 64 project folders are kept", len(folders) == 64, len(folders))
    expect("bounded: the folder of a project in use is kept", len(first) == 1 and first[0] in folders, first)
    names = os.listdir(cache)
    expect("bounded: the old layout's files and dead temporary files are removed",
           "facts-0123" not in names and ".tmp-dead" not in names and ".tmp-live" in names, sorted(names)[:5])


def main():
    decycle = os.path.abspath(sys.argv[1])
    have_strace = shutil.which("strace") is not None
    with tempfile.TemporaryDirectory(prefix="decycle-cache-") as tmp:
        project, cache = os.path.join(tmp, "project"), os.path.join(tmp, "cache")
        make_project(project)
        uncached = run(decycle, cache, "--no-cache", project)
        expect("--no-cache writes no cache", cache_files(cache) == [], cache_files(cache))
        expect("the project has its cycle", uncached[2] == 1 and b"pkg.a" in uncached[0], uncached)

        cold = run(decycle, cache, project)
        expect("a cold run prints what --no-cache prints", cold == uncached, cold)
        files = cache_files(cache)
        expect("a cold run writes the facts, the run (under its two keys) and what the plan read",
               len([f for f in files if os.path.basename(f) == "facts"]) == 1 and
               len([f for f in files if os.path.basename(f).startswith("run-")]) == 2 and
               len([f for f in files if os.path.basename(f).startswith("reads-")]) == 1, files)
        log = os.path.join(tmp, "strace.log")
        warm = run(decycle, cache, project, strace_log=log if have_strace else None)
        expect("a warm run prints the same bytes and status", warm == uncached, warm)
        if have_strace:
            opened = opened_sources(log, project)
            expect("a warm run opens no source file", opened == [], opened)
            listed = listed_folders(log, project)
            expect("a warm run lists no folder (the folders' stat data says nothing changed)", listed == [], listed)
        else:
            expect("strace is installed (.ci/install-deps)", False)

        for fmt in ("json", "dot"):
            expect(f"--format {fmt}: cached output equals uncached",
                   run(decycle, cache, "--format", fmt, project) == run(decycle, cache, "--no-cache", "--format", fmt, project))
        expect("--diff: cached output equals uncached",
               run(decycle, cache, "--diff", project) == run(decycle, cache, "--no-cache", "--diff", project))

        # the same content with new stat data: read again, same output
        os.utime(os.path.join(project, "pkg", "c.py"), None)
        if have_strace:
            touched = run(decycle, cache, project, strace_log=log)
            opened = opened_sources(log, project)
            expect("a touched file is read again, and only it",
                   len(opened) == 1 and "c.py" in opened[0], opened)
        else:
            touched = run(decycle, cache, project)
        expect("a touched file gives the same output", touched == uncached, touched)

        # an edit that keeps the facts of a file the plan does not read: the
        # run is replayed (only that file is read, to hash and scan it)
        c = os.path.join(project, "pkg", "c.py")
        append_comment(c)
        if have_strace:
            edited = run(decycle, cache, project, strace_log=log)
            opened = opened_sources(log, project)
            expect("an edit that keeps a file's facts, outside the plan's reads, replays (only that file is read)",
                   opened and all("c.py" in o for o in opened), opened)
        else:
            edited = run(decycle, cache, project)
        expect("... and prints the same", edited == uncached, edited)
        # an edit that keeps the facts of a file the plan reads is not replayed
        a = os.path.join(project, "pkg", "a.py")
        with open(a) as f:
            a_text = f.read()
        append_comment(a)
        if have_strace:
            edited = run(decycle, cache, project, strace_log=log)
            opened = opened_sources(log, project)
            expect("an edit to a file the plan reads is planned again (it is read twice, b.py too)",
                   len(opened) >= 3 and any("b.py" in o for o in opened), opened)
            edited = run(decycle, cache, "--diff", project)
            expect("... and the diff has the new text", b"a comment after everything" in edited[0], edited)
        write(a, a_text)
        # new content, same size and mtime (a file rewritten within one
        # timestamp tick): its ctime and the racy rule (its mtime is not older
        # than the run that cached it) both make decycle read it again
        b = os.path.join(project, "pkg", "b.py")
        write(b, "from pkg.a import A\n\nB = A + 1\n")
        run(decycle, cache, project)
        st = os.stat(b)
        write(b, "import os\n\nB = 1 + 2 + 3 + 456\n")
        os.utime(b, ns=(st.st_atime_ns, st.st_mtime_ns))
        expect("same size, same mtime", os.stat(b).st_size == st.st_size)
        fresh = run(decycle, cache, project)
        expect("new content with the old size and mtime is seen (the cycle is gone)",
               fresh == run(decycle, cache, "--no-cache", project) and fresh[2] == 0, fresh)
        write(b, "from pkg.a import A\n\nB = A + 1\n")
        expect("the cycle is back when the import is", run(decycle, cache, project) == uncached)

        # a new file, a removed file
        write(os.path.join(project, "pkg", "d.py"), "from pkg import e\n")
        write(os.path.join(project, "pkg", "e.py"), "from pkg import d\n")
        grown = run(decycle, cache, project)
        expect("a new cycle in new files is reported", b"pkg.d" in grown[0] and grown == run(decycle, cache, "--no-cache", project), grown)
        os.remove(os.path.join(project, "pkg", "e.py"))
        shrunk = run(decycle, cache, project)
        expect("a removed file is seen", b"pkg.d" not in shrunk[0] and shrunk == run(decycle, cache, "--no-cache", project), shrunk)
        os.remove(os.path.join(project, "pkg", "d.py"))
        # a new non-Python file can matter (a config module must not take its name)
        write(os.path.join(project, "pkg", "notes.txt"), "x\n")
        expect("a new file of another kind changes nothing in the output", run(decycle, cache, project) == uncached)

        # PATH a package: an __init__.py appearing above it renames every module
        package = os.path.join(project, "pkg")
        first = run(decycle, cache, package)
        expect("PATH a package: its modules are pkg.*", b"pkg.a" in first[0] and b"project.pkg" not in first[0], first)
        above = os.path.join(project, "__init__.py")
        write(above, "")
        renamed = run(decycle, cache, package)
        # (the modules become project.pkg.*, and 'from pkg import b' leaves the project)
        expect("an __init__.py created above PATH is seen (the modules are renamed)",
               renamed != first and renamed == run(decycle, cache, "--no-cache", package), renamed)
        os.remove(above)
        expect("... and its removal too", run(decycle, cache, package) == first)

        # damaged cache files: each is ignored, and replaced
        expected = run(decycle, cache, "--no-cache", "--format", "json", project)
        run(decycle, cache, "--format", "json", project)
        for damage in ("truncated", "flipped", "emptied", "junk", "another version"):
            for name in cache_files(cache):
                path = os.path.join(cache, name)
                with open(path, "rb") as f:
                    data = f.read()
                if damage == "truncated":
                    data = data[: len(data) // 2]
                elif damage == "flipped":
                    data = data[:-7] + bytes([data[-7] ^ 0x20]) + data[-6:]
                elif damage == "emptied":
                    data = b""
                elif damage == "junk":
                    data = os.urandom(len(data))
                else:  # the version string changed (the checksum catches it first)
                    data = data.replace(b"0.1.0", b"9.9.9")
                with open(path, "wb") as f:
                    f.write(data)
            got = run(decycle, cache, "--format", "json", project)
            expect(f"a cache file {damage} is ignored", got == expected, got)
            expect(f"... and the next run after {damage} is warm and right",
                   run(decycle, cache, "--format", "json", project) == expected)

        # --apply does the work, with facts from the cache
        applied = os.path.join(tmp, "applied")
        shutil.copytree(project, applied)
        reference = os.path.join(tmp, "reference")
        shutil.copytree(project, reference)
        run(decycle, cache, applied)
        rc_cached = run(decycle, cache, "--apply", applied)[2]
        rc_plain = run(decycle, cache, "--no-cache", "--apply", reference)[2]
        same = all(open(os.path.join(applied, "pkg", n)).read() == open(os.path.join(reference, "pkg", n)).read()
                   for n in ("a.py", "b.py", "c.py"))
        expect("--apply with the cache rewrites like --apply without", rc_cached == rc_plain == 0 and same)
        after = run(decycle, cache, applied)
        expect("after --apply the cache sees the rewritten files", after[2] == 0 and after == run(decycle, cache, "--no-cache", applied), after)

        # concurrent runs on one cache
        shutil.rmtree(cache)
        env = dict(os.environ, DECYCLE_CACHE_DIR=cache)
        procs = [subprocess.Popen([decycle, "-j", "1", project] + (["--format", "json"] if i % 2 else []), env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE) for i in range(8)]
        outs = [(p.communicate()[0], p.returncode) for p in procs]
        plain = (uncached[0], uncached[2])
        expect("eight concurrent runs print the right output",
               all(o == (plain if i % 2 == 0 else (expected[0], expected[2])) for i, o in enumerate(outs)), outs[:2])
        expect("no temporary file is left", not [f for f in cache_files(cache) if os.path.basename(f).startswith(".tmp")],
               cache_files(cache))
        expect("after concurrent runs the cache is read", run(decycle, cache, project) == uncached)

        # a cache folder that cannot be written, or is a file
        ro = os.path.join(tmp, "ro")
        os.mkdir(ro, 0o500)
        if os.geteuid() != 0:
            expect("an unwritable cache folder does not fail the run", run(decycle, ro, project) == uncached)
        blocked = os.path.join(tmp, "file")
        write(blocked, "x")
        expect("a cache path that is a file does not fail the run", run(decycle, blocked, project) == uncached)
        expect("...nor one under a file", run(decycle, os.path.join(blocked, "sub"), project) == uncached)

        wide_project(decycle, tmp, have_strace)
        memo_cases(decycle, tmp)
        bounded(decycle, tmp)
        memo_reads(decycle, tmp, have_strace)
        deferred_facts(decycle, tmp, have_strace)
        memo_parts(decycle, tmp, have_strace)
        early_load(decycle, tmp)
        graph_cache(decycle, tmp)
        packs(decycle, tmp)

    print("cache_test: %d failed" % len(FAILURES) if FAILURES else "cache_test: all passed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
