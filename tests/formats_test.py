#!/usr/bin/env python3
"""The report formats against their consumers, over every golden input.

  sarif   `--format sarif` must validate against the SARIF 2.1.0 JSON schema
          (python3-jsonschema), and say what the JSON report says: one
          import-cycle result per import-time site of each edge inside a
          cycle (level error exactly where the plan cuts the edge or where it
          keeps an unbreakable cycle alive), one input-problem result per
          diagnostic, URIs that name the files, regions inside them.
  dot     `--format dot` must render with Graphviz (`dot -Tsvg`, exit 0,
          nothing on stderr), with one cluster per cycle, one edge per
          import-time edge inside a cycle, dashed edges = the plan's cuts,
          bold = obligatory edges, red = edges of unbreakable cycles.
  github  `--format github` must be workflow commands whose unescaped
          properties name the files and lines of the same sites.

Then the same on a project whose root folder's name holds CR, LF, ',', ':'
and '%', which every format must escape, and on one with a diagnostic about a
whole file (no line); two controls show that the checks can fail (a broken
SARIF log, a broken DOT graph); and the README's DOT example must be the
golden output it claims to be.

usage: formats_test.py --decycle BINARY --sarif-schema FILE GOLDEN_DIR
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

FAILURES = []


def expect(name, cond, detail=""):
    if not cond:
        print(f"FAIL {name}: {detail}")
        FAILURES.append(name)
    return cond


def run(cmd, cwd=None, stdin=None):
    p = subprocess.run(cmd, cwd=cwd, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    return p.returncode, p.stdout, p.stderr


def facts(report):
    """What the JSON report says the annotation formats must show."""
    inside = [e for e in report["edges"] if "cut_by" in e]
    remains = {(r["from"], r["to"]) for u in report.get("unbreakable", []) for r in u["reasons"]}
    sites = []
    for e in inside:
        error = e["cut_by"] is not None or (e["from"], e["to"]) in remains
        for s in e["sites"]:
            if s["kind"] == "import-time":
                sites.append((s["path"], s["line"], s["column"], "error" if error else "note"))
    return inside, remains, sites


def file_lines(root, path):
    with open(os.path.join(root, path), "rb") as f:
        return f.read().count(b"\n") + 1


def check_sarif(name, out, validator, report, root):
    try:
        log = json.loads(out)
    except ValueError as e:
        return expect(f"{name}: sarif is JSON", False, e)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    expect(f"{name}: sarif validates against the SARIF 2.1.0 schema", not errors,
           "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:3]))
    _, _, sites = facts(report)
    results = log["runs"][0]["results"]
    cycle = [r for r in results if r["ruleId"] == "import-cycle"]
    got = []
    for r in cycle:
        loc = r["locations"][0]["physicalLocation"]
        path = urllib.parse.unquote(loc["artifactLocation"]["uri"])
        got.append((path, loc["region"]["startLine"], loc["region"]["startColumn"], r["level"]))
        ids = [rl["id"] for rl in r.get("relatedLocations", [])]
        expect(f"{name}: sarif related locations have distinct ids", len(ids) == len(set(ids)), ids)
        for rl in r.get("relatedLocations", []):
            p = urllib.parse.unquote(rl["physicalLocation"]["artifactLocation"]["uri"])
            expect(f"{name}: sarif related location {p} exists", os.path.isfile(os.path.join(root, p)))
    expect(f"{name}: sarif import-cycle results = import-time sites of edges in cycles (with levels)",
           got == sites, f"{got} != {sites}")
    for path, line, _, _ in got:
        if expect(f"{name}: sarif uri {path} names a file", os.path.isfile(os.path.join(root, path))):
            expect(f"{name}: sarif line {line} inside {path}", 1 <= line <= file_lines(root, path))
    problems = [r for r in results if r["ruleId"] == "input-problem"]
    expect(f"{name}: sarif input-problem results = diagnostics", len(problems) == len(report["diagnostics"]),
           f"{len(problems)} != {len(report['diagnostics'])}")
    rules = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    expect(f"{name}: sarif ruleIndex matches ruleId", all(rules[r["ruleIndex"]] == r["ruleId"] for r in results))


def unescape(s, prop):
    if prop:
        s = s.replace("%3A", ":").replace("%2C", ",")
    return s.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def parse_github(name, out):
    """[(level, {property: value}, message)] and the plain lines."""
    commands, plain = [], []
    for line in out.decode("utf-8", "replace").split("\n")[:-1]:
        m = re.fullmatch(r"::(error|warning|notice) (.*?)::(.*)", line)
        if not m:
            plain.append(line)
            continue
        props = {}
        for item in m.group(2).split(","):
            key, _, value = item.partition("=")
            props[key] = unescape(value, True)
        commands.append((m.group(1), props, unescape(m.group(3), False)))
    return commands, plain


def check_github(name, out, report, root):
    _, _, sites = facts(report)
    commands, plain = parse_github(name, out)
    expect(f"{name}: github prints one plain summary line", len(plain) == 1 and plain[0].startswith("decycle: "),
           plain)
    cycle = [(p["file"], int(p["line"]), int(p["col"]), "error" if lvl == "error" else "note")
             for lvl, p, _ in commands if p.get("title") != "decycle"]
    expect(f"{name}: github annotations = import-time sites of edges in cycles (with levels)", cycle == sites,
           f"{cycle} != {sites}")
    diags = [c for c in commands if c[1].get("title") == "decycle"]
    expect(f"{name}: github diagnostics", len(diags) == len(report["diagnostics"]))
    for _, p, _ in commands:
        if "file" in p:
            expect(f"{name}: github file {p['file']!r} exists", os.path.exists(os.path.join(root, p["file"])))


def check_dot(name, out, report):
    inside, remains, _ = facts(report)
    text = out.decode()
    edges = re.findall(r'^    "[^"]*" -> "[^"]*" \[(.*)\];$', text, re.M)
    expect(f"{name}: dot has one edge per import-time edge in a cycle", len(edges) == len(inside),
           f"{len(edges)} != {len(inside)}")
    expect(f"{name}: dot dashed edges = the plan's cuts",
           sum("style=dashed" in e for e in edges) == len(report.get("plan", [])))
    expect(f"{name}: dot bold edges = obligatory edges",
           sum("style=bold" in e for e in edges) == sum(e["obligatory"] is not None for e in inside))
    expect(f"{name}: dot red edges = edges of unbreakable cycles",
           sum("color=red" in e for e in edges) == len(remains))
    rc, svg, err = run(["dot", "-Tsvg"], stdin=out)
    if not expect(f"{name}: dot -Tsvg accepts the graph", rc == 0 and not err, err.decode(errors="replace")):
        return
    svg = svg.decode()
    expect(f"{name}: svg has one cluster per cycle", svg.count('class="cluster"') == len(report["cycles"]))
    expect(f"{name}: svg has every edge", svg.count('class="edge"') == len(inside))
    expect(f"{name}: svg has every module of a cycle",
           svg.count('class="node"') == sum(len(c["modules"]) for c in report["cycles"]))


def golden_cases(golden):
    for category in sorted(os.listdir(golden)):
        cdir = os.path.join(golden, category)
        if not os.path.isdir(cdir):
            continue
        for case in sorted(os.listdir(cdir)):
            if os.path.exists(os.path.join(cdir, case, "README")):
                yield f"{category}/{case}", os.path.join(cdir, case)


def check_project(name, decycle, cwd, args, validator):
    rc, out, err = run([decycle, *args, "--format", "json", "input"], cwd)
    if not expect(f"{name}: json report", rc in (0, 1), err.decode(errors="replace")):
        return None
    report = json.loads(out)
    root = os.path.join(cwd, "input")
    outs = {}
    for fmt in ("sarif", "github", "dot"):
        frc, outs[fmt], ferr = run([decycle, *args, "--format", fmt, "input"], cwd)
        expect(f"{name}: --format {fmt} exits like the report", frc == rc, f"{frc} != {rc}")
    check_sarif(name, outs["sarif"], validator, report, root)
    check_github(name, outs["github"], report, root)
    check_dot(name, outs["dot"], report)
    return outs


def escaping(decycle, validator):
    """A root folder named with CR, LF, ',', ':' and '%'."""
    with tempfile.TemporaryDirectory(prefix="decycle-formats-") as tmp:
        rootname = "we\r\nird,1:2%"
        pkg = os.path.join(tmp, "input", rootname, "pkg")
        os.makedirs(pkg)
        with open(os.path.join(pkg, "__init__.py"), "w") as f:
            f.write("")
        with open(os.path.join(pkg, "a.py"), "w") as f:
            f.write("from pkg.b import B\n\n\nclass A(B):\n    pass\n")
        with open(os.path.join(pkg, "b.py"), "w") as f:
            f.write("from pkg.a import A\n\n\nclass B:\n    def f(self):\n        return A\n")
        outs = check_project("escaping", decycle, tmp, ["--root", rootname], validator)
        if not outs:
            return
        gh = outs["github"].decode()
        expect("escaping: no raw CR in github output", "\r" not in gh, repr(gh))
        expect("escaping: github escapes the path in properties",
               "file=we%0D%0Aird%2C1%3A2%25/pkg/a.py," in gh, gh)
        commands, _ = parse_github("escaping", outs["github"])
        obligatory = [m for _, _, m in commands if "cannot be cut" in m]
        expect("escaping: a github message keeps the path with CR LF once unescaped",
               any(rootname + "/pkg/a.py:4" in m for m in obligatory), obligatory)
        expect("escaping: sarif percent-encodes the uri",
               b'"uri": "we%0D%0Aird%2C1%3A2%25/pkg/a.py"' in outs["sarif"], outs["sarif"][:2000])


def whole_file_diagnostic(decycle, validator):
    """A diagnostic about a whole file (no line): no region, no line=."""
    with tempfile.TemporaryDirectory(prefix="decycle-formats-") as tmp:
        os.makedirs(os.path.join(tmp, "input"))
        os.symlink("/etc", os.path.join(tmp, "input", "outside"))
        with open(os.path.join(tmp, "input", "nul.py"), "wb") as f:
            f.write(b"import os\n\x00x\n")
        outs = check_project("whole-file", decycle, tmp, [], validator)
        if not outs:
            return
        expect("whole-file: github warns without a line",
               "::warning file=outside,title=decycle::symbolic link leads out of PATH" in outs["github"].decode(),
               outs["github"])
        results = json.loads(outs["sarif"])["runs"][0]["results"]
        outside = [r for r in results if "symbolic link" in r["message"]["text"]]
        expect("whole-file: sarif location without a region", len(outside) == 1 and
               "region" not in outside[0]["locations"][0]["physicalLocation"], outside)


def controls(decycle, validator, golden):
    """The checks above can fail: a broken log and a broken graph."""
    rc, out, _ = run([decycle, "--format", "sarif", "input"], os.path.join(golden, "analysis", "keras-seed"))
    log = json.loads(out)
    del log["runs"][0]["tool"]["driver"]["name"]
    log["runs"][0]["results"][0]["level"] = "fatal"
    expect("control: the validator rejects a broken SARIF log", len(list(validator.iter_errors(log))) == 2)
    rc, _, err = run(["dot", "-Tsvg"], stdin=b'digraph decycle {\n  "a" -> ;\n}\n')
    expect("control: dot rejects a broken graph", rc != 0 and err, rc)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--decycle", required=True)
    ap.add_argument("--sarif-schema", required=True)
    ap.add_argument("golden")
    opts = ap.parse_args()
    decycle = os.path.abspath(opts.decycle)
    if not os.path.isfile(opts.sarif_schema):
        print(f"FAIL no SARIF 2.1.0 schema at '{opts.sarif_schema}' (see tests/CMakeLists.txt)")
        return 1
    if not shutil.which("dot"):
        print("FAIL Graphviz 'dot' is not installed (.ci/install-deps installs graphviz)")
        return 1
    import jsonschema
    with open(opts.sarif_schema) as f:
        schema = json.load(f)
    if not expect("the schema is SARIF 2.1.0's", schema["properties"]["version"]["enum"] == ["2.1.0"]):
        return 1
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)
    n = 0
    for name, case in golden_cases(opts.golden):
        with open(os.path.join(case, "args")) as f:
            args = [a.rstrip("\n") for a in f if a.rstrip("\n")]
        args = [a for a in args if a not in ("--format", "json", "text")]
        check_project(name, decycle, case, args, validator)
        n += 1
    escaping(decycle, validator)
    whole_file_diagnostic(decycle, validator)
    controls(decycle, validator, opts.golden)
    readme = os.path.join(opts.golden, "..", "README.md")
    with open(readme) as f:
        blocks = re.findall(r"```dot\n(.*?)```", f.read(), re.S)
    with open(os.path.join(opts.golden, "plan", "partly-unbreakable", "expected.dot")) as f:
        expect("README's DOT example is golden/plan/partly-unbreakable/expected.dot", blocks == [f.read()], blocks)
    print(f"{n} golden inputs and the escaping project checked in three formats")
    print(f"{len(FAILURES)} failed" if FAILURES else "all passed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
