#!/usr/bin/env python3
"""Differential test of the text Python refuses and tree-sitter takes.

tree-sitter-python parses some text that Python's own parser refuses without
reporting an error: a hard keyword where a name stands (`x = pass`), a
statement indented deeper than the line before it, an unindent to no outer
level, tabs against spaces. And Python's compiler refuses more in a tree its
parser takes: `return`, `yield`, `await`, `break` where none can be, a late
`from __future__` import. decycle warns about each (parse.c,
first_unpythonic). This script writes random small modules made of such
lines, runs decycle once over them with every file parsed by tree-sitter
(DECYCLE_NO_QUICKSCAN=1, `--format json`), and checks each file against
Python's `compile`:

- a file Python compiles gets no diagnostic at all;
- a file Python refuses gets a diagnostic (tree-sitter's own syntax errors
  count); when it is one of the warnings above, it names the line Python
  names, and says what Python says: "unexpected indent", "unindent does not
  match any outer indentation level", "inconsistent use of tabs and spaces"
  (TabError), "'return' outside function", ..., or a keyword (SyntaxError
  "invalid syntax").

Its parser's and compiler's checks of arguments, parameters, bytes
literals, comprehensions and async generators are compared too. What
decycle leaves to Python (UNCHECKED: a nonlocal with no binding) is
counted, not compared.

Usage: python3 tests/unpythonic_test.py --decycle build/decycle [--files N]
[--seed S] [--keep DIR]. The last line is `unpythonic_test: N files, N
refused by Python (...), N disagreements`; the exit status is 0 only
without disagreements.
"""
import argparse
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import tokenize
import warnings

INDENTS = ["    ", "  ", "\t", "        ", "\t    ", "    \t", " \t", "\f    "]
HEADERS = ["if a:", "def f():", "class C:", "for x in y:", "while b:", "try:", "with m:", "async def h():",
           "async for x in y:", "async with m:"]
# The clauses that may follow a block opened by a header or a clause.
CLAUSES = {"if a:": ["elif c:", "else:"], "elif c:": ["elif c:", "else:"], "for x in y:": ["else:"],
           "while b:": ["else:"], "try:": ["except E:", "except:", "except* E:", "finally:"],
           "except E:": ["except E:", "except:", "else:", "finally:"], "except:": ["except E:", "else:", "finally:"],
           "except* E:": ["except* E:", "else:", "finally:"]}
SIMPLE = ["x = 1", "pass", "y = f(a)", "import os", "a; b", "s = 'else'  # if", "t = (1,\n     2)",
          "u = x \\\n  + 1", "match = 1", "type = 2", "print(x)", "_ = case", "async def g(): pass",
          "print >>f, x", "x = 0o17 + 1_000 + 0.5j + 1e-3 + 00", "v = 'a' \\\n    'b'",
          "f(a, *b, c=1, *d, **e)", "def p(a, /, b=1, *c, d, e=2, **f): pass", "g = lambda a, b=1, *c, d: 0",
          "z = b'a' b'b'", "k = [a for a in (b, c) if d]"]
# Refused by Python's compiler in some places only.
CONTEXTUAL = ["return x", "y = yield", "z = await y", "break", "continue", "nonlocal q", "from m import *",
              "from __future__ import annotations", '"""Doc."""', "g = lambda: (yield)", "w = (await a for a in b)",
              "y = [(yield) for q in r]", "z = [w async for w in v]", "yield from g", "k = [a for a in await b]",
              "return", "m = [[w async for w in v] for u in t]"]
REFUSED = ["x = pass", "import else", "f(in)", "from m import if", "elif", "else: import", "return = 1",
           "x.for = 2", "class C(def): pass", "del not", "y = 1 +", "print 'x'", "exec 'y'", "a <> b",
           "x = 0777", "y = 10L", "z = 1_", "r = `x`", "from __future__ import braces",
           "from __future__ import nope", "f(a=1, b)", "f(**k, *a)", "f(**k, a)", "f(a=1, a=2)",
           "def p(a=1, b): pass", "def p(*, **k): pass", "def p(**k, a): pass", "def p(a, a): pass",
           "def p(a, /, b, /): pass", "x = 'a' b'b'", "q = [x for x in 1, 2]", "g = lambda a, a: 0",
           "assert x, y, z", "a = b = c += 1", "x = f'{a!z}'"]


MESSAGES = {
    "unexpected indent": "unexpected indent",
    "unindent does not match any outer indentation level": "unindent does not match",
    "inconsistent use of tabs and spaces in indentation": "inconsistent use of tabs",
    "expected an indented block": "expected an indented block",
    "Missing parentheses": "missing parentheses",
    "leading zeros": "invalid number",
    "invalid decimal literal": "invalid number",
    "'return' outside function": "'return' outside function",
    "'yield' outside function": "'yield' outside function",
    "'await' outside function": "'await' outside function",
    "'await' outside async function": "'await' outside async function",
    "'async for' outside async function": "'async for' outside async function",
    "'async with' outside async function": "'async with' outside async function",
    "'break' outside loop": "'break' outside loop",
    "'continue' not properly in loop": "'continue' not properly in loop",
    "nonlocal declaration not allowed at module level": "nonlocal declaration not allowed at module level",
    "import * only allowed at module level": "import * only allowed at module level",
    "from __future__ imports must occur": "from __future__ imports must occur",
    "future feature": "future feature",
    "not a chance": "not a chance",
    "positional argument follows keyword argument unpacking": "positional argument follows keyword argument unpacking",
    "positional argument follows keyword argument": "positional argument follows keyword argument",
    "iterable argument unpacking follows": "iterable argument unpacking follows",
    "keyword argument repeated": "keyword argument repeated",
    "non-default argument follows default argument": "non-default argument follows default argument",
    "named arguments must follow bare *": "named arguments must follow bare *",
    "arguments cannot follow var-keyword argument": "arguments cannot follow var-keyword argument",
    "duplicate argument": "duplicate argument",
    "/ may appear only once": "/ may appear only once",
    "cannot mix bytes and nonbytes literals": "cannot mix bytes and nonbytes literals",
    "'yield' inside": "'yield' inside",
    "asynchronous comprehension outside": "asynchronous comprehension outside",
    "'yield from' inside async function": "'yield from' inside async function",
    "'return' with value in async generator": "'return' with value in async generator",
    "default 'except:' must be last": "default 'except:' must be last",
    "'break', 'continue' and 'return' cannot appear": "'break', 'continue' and 'return' cannot appear",
    "f-string: invalid conversion character": "f-string: invalid conversion character",
}

# What Python's compiler refuses and decycle does not look for.
UNCHECKED = ["no binding for nonlocal"]


def random_module(rng):
    """Mostly well indented code: a stack of blocks, each one level deeper
    than its header, closed now and then (sometimes by a clause of the
    header: `else:`, `except E:`); rarely a line indented at random, or a
    keyword where a name stands. It may begin with a docstring or future
    imports."""
    stack = [("", None)]  # (indent of the block, the header that opened it)
    lines, opening = [], False
    for _ in range(rng.choice([0, 0, 1, 2])):
        lines.append(rng.choice(['"""Doc."""', "b'Not a docstring.'", "from __future__ import annotations",
                                 "from __future__ import division; x = 1"]))
    for _ in range(rng.randint(1, 12)):
        if opening:
            stack.append((stack[-1][0] + rng.choice(INDENTS), lines[-1].strip()))
        elif len(stack) > 1 and rng.random() < 0.3:
            closed = stack[rng.randint(1, len(stack) - 1):]
            del stack[len(stack) - len(closed):]
            clauses = CLAUSES.get(closed[0][1] or "")
            if clauses and rng.random() < 0.5:
                lines.append(stack[-1][0] + rng.choice(clauses))
                stack.append((stack[-1][0] + rng.choice(INDENTS), None))
        indent = stack[-1][0]
        if rng.random() < 0.08:
            indent = rng.choice(["", " ", "\t"]) + rng.choice(INDENTS) * rng.randint(0, 2)
        opening = rng.random() < 0.3
        kind = rng.random()
        text = (rng.choice(HEADERS) if opening else rng.choice(REFUSED) if kind < 0.06 else
                rng.choice(CONTEXTUAL) if kind < 0.14 else rng.choice(SIMPLE))
        lines.append(indent + text)
    if opening:
        lines.append(stack[-1][0] + "\t    pass")
    return "\n".join(lines) + "\n"


def python_verdict(text):
    """None when Python compiles `text`, "unchecked" when it refuses it for
    a reason in UNCHECKED, else (what decycle should say, line)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(text, "m.py", "exec", dont_inherit=True)
        return None
    except SyntaxError as e:
        msg = e.msg
        if any(msg.startswith(u) for u in UNCHECKED):
            return "unchecked"
        if isinstance(e, TabError):
            msg = "inconsistent use of tabs and spaces in indentation"
        for python, ours in MESSAGES.items():
            if msg.startswith(python):
                return ours, e.lineno
        return "invalid syntax", e.lineno


def tree_sitter_tabs(text):
    """Whether tree-sitter-python, which counts a tab in an indentation as 8
    columns (Python: up to the next multiple of 8), reads the blocks of
    `text`, a module Python takes, otherwise than Python. Python's blocks
    are its tokenizer's INDENT tokens and its columns; tree-sitter opens a
    block where Python does if its count is deeper, and at each other
    logical line leaves the blocks deeper than its count."""
    levels = [(0, 0)]  # (Python's column, tree-sitter's count) of each open block
    line_start, indent = True, False
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        if tok.type == tokenize.NEWLINE:
            line_start, indent = True, False
        elif tok.type == tokenize.INDENT:
            indent = True
        elif line_start and tok.type not in (tokenize.NL, tokenize.COMMENT, tokenize.DEDENT, tokenize.ENDMARKER):
            line_start = False
            col = count = 0
            for c in tok.line[:tok.start[1]]:
                col, count = (0, 0) if c == "\f" else (col + 1, count + 1) if c == " " else \
                    (col // 8 * 8 + 8, count + 8)
            if indent:
                if count <= levels[-1][1]:
                    return True
                levels.append((col, count))
                continue
            popped = levels[-1]
            while col < levels[-1][0]:
                popped = levels.pop()
            if count < levels[-1][1] or (popped is not levels[-1] and count >= popped[1]):
                return True
    return False


def ours_category(message):
    """What Python says, in python_verdict's terms, for a warning of decycle."""
    for ours in MESSAGES.values():
        if ours in message:
            return ours
    return "invalid syntax"  # a keyword as a name, a line break in a statement, '<>'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--decycle", required=True)
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="unpythonic-")
    try:
        texts = {}
        for i in range(args.files):
            name = f"m{i:05d}.py"
            texts[name] = random_module(rng)
            with open(os.path.join(work, name), "w") as f:
                f.write(texts[name])
        env = dict(os.environ, DECYCLE_NO_QUICKSCAN="1")
        p = subprocess.run([args.decycle, "--no-cache", "--format", "json", "-j", "2", work], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)
        if p.returncode not in (0, 1):
            sys.exit(f"unpythonic_test: decycle exited {p.returncode}: {p.stderr.decode(errors='replace')}")
        diags = {}
        for d in json.loads(p.stdout)["diagnostics"]:
            diags.setdefault(d["path"], []).append(d)
        refused = disagreements = warned = unchecked = tree_tabs = 0
        for name, text in sorted(texts.items()):
            verdict = python_verdict(text)
            ours = diags.get(name, [])
            problem = None
            if verdict == "unchecked":
                unchecked += 1
                continue
            if verdict is None:
                if ours and all("tree-sitter reads the tabs" in d["message"] for d in ours) and \
                        tree_sitter_tabs(text):
                    tree_tabs += 1
                elif ours:
                    problem = f"Python parses it, decycle says {ours[0]['message']!r}"
            else:
                refused += 1
                said = ours[0]["message"] if ours else ""
                if not ours:
                    problem = f"Python refuses it ({verdict[0]}, line {verdict[1]}), decycle says nothing"
                elif "Python will refuse" in said and (ours_category(said), ours[0]["line"]) != verdict:
                    problem = (f"Python says {verdict[0]!r} at line {verdict[1]}, decycle "
                               f"{said!r} at line {ours[0]['line']}")
            warned += any("Python will refuse" in d["message"] for d in ours)
            if problem:
                disagreements += 1
                print(f"{name}: {problem}\n" + "".join("  | " + l + "\n" for l in text.splitlines()))
                if args.keep:
                    os.makedirs(args.keep, exist_ok=True)
                    shutil.copy(os.path.join(work, name), args.keep)
        print(f"unpythonic_test: {len(texts)} files, {refused} refused by Python ({warned} with the warnings "
              f"above, the others with tree-sitter's syntax errors), {unchecked} refused for a reason "
              f"decycle does not check, {tree_tabs} taken by Python with tabs that tree-sitter reads otherwise "
              f"(warned), {disagreements} disagreements")
        sys.exit(1 if disagreements else 0)
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
