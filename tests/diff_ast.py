#!/usr/bin/env python3
"""Differential test of decycle's import edges against Python's own ``ast``.

This script re-implements, independently and with the standard library only,
the import-edge semantics that decycle promises (module discovery, scope
classes, resolution of absolute/relative/star imports and ``import_module``
calls, the "uses" rule for ancestor packages, strongly connected components),
runs decycle on the same projects with ``--format json -j 1`` and compares:

1. the set of modules, as (name, path) pairs;
2. the set of edges, as (from, to, kind) triples;
3. for each edge, its sites, as (path, line, column, kind);
4. the cycles: the strongly connected components (size >= 2) of the graph of
   import-time edges, and for each reported cycle that its ``example`` is a
   real cycle through import-time edges of the component that is as short as
   possible through its first module;
5. the files Python refuses to compile: each has a diagnostic, and none that
   Python compiles is said to be refused.

The ``statement`` text of sites is not compared.  Edges that start in a file
that Python cannot parse (decycle recovers from syntax errors, ``ast`` does
not) are not compared either.

Usage::

    python3 tests/diff_ast.py --decycle build/decycle [--random N] [--seed S]
                              [--keep DIR] [-v] [PROJECT_DIR ...]

Each PROJECT_DIR is either a plain project directory or a golden case
directory ``golden/<category>/<name>/`` (one holding ``input/`` and an
``args`` file with extra command line arguments, one per line).  For a golden
case, ``--root``/``--exclude`` options from ``args`` are honoured by both
sides; a case using any other option (``--format`` and ``-j`` are ignored) is
skipped with a note.  ``--random N`` additionally checks N generated projects
(deterministic for a given ``--seed`` and Python version: ``match`` statements
are generated only on Python >= 3.10); ``--keep DIR`` copies the generated
projects that fail into DIR for debugging.

The last line printed is ``diff_ast: N projects, N passed, N failed``; the
exit status is 0 only when every project passed (1 on a disagreement, 2 on a
usage error).  ``--print-expected`` prints this script's own model of each
PROJECT_DIR as JSON instead of running decycle (useful when debugging).

Readings of the semantics worth knowing (each is one small piece of code):

* The "uses" rule (``NAME.attr`` read at import time, NAME bound by a
  module-level ``import D``) makes a site only when the bound module is an
  ancestor package of the importing module, as DESIGN.md section 2 says (any
  other module already has the edge from the import itself).
  ``--uses-any-module`` applies it to every bound module instead.
* Any other module-scope binding of NAME (assignment, def, from-import...)
  makes NAME no longer count as bound by the import.
* A literal ``__all__`` is ``__all__ = [...]`` (or a tuple) optionally
  followed by ``__all__ += [...]``, in import-time module-scope code; any
  other assignment to it or ``__all__.<method>(...)`` makes it unknown (no
  submodule edges from it).
* An ``import_module``/``__import__`` argument must be a plain string literal
  (one part, no prefix other than ``r``, no escapes) naming dotted
  identifiers.
* Files and folders whose names are not identifiers are not modules (and such
  folders are not walked); a folder reached twice through symbolic links is
  walked once (first in depth-first byte order); per module name, the file
  chosen is: ``__init__.py`` package, extension, ``.py``, ``.pyi``,
  ``__init__.pyi`` package, earlier roots first. A file belongs to the
  innermost root holding it (``--root . --root src``: src/pkg/a.py is pkg.a).
* The body of ``if __name__ == "__main__":`` runs only when the module runs
  as a script, so its imports are deferred, not import-time.
* ``del NAME.attr`` needs the attribute to exist, so it counts as a read for
  the uses rule; ``NAME.attr = value`` does not.
* When a package's ``__init__.py`` does not parse, whether ``from pkg import
  n`` means the submodule is unknown: both possible edges are accepted.

Requires Python 3.9 or later; nothing outside the standard library.
"""

import argparse
import ast
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import warnings
from collections import deque

IMPORT_TIME = "import-time"
DEFERRED = "deferred"
TYPE_ONLY = "type-only"
# Strength of each scope class: a stronger kind wins when kinds are combined.
RANK = {TYPE_ONLY: 0, DEFERRED: 1, IMPORT_TIME: 2}

# Directory names that are never scanned (plus any name ending in .egg-info).
EXCLUDED_DIR_NAMES = frozenset({
    ".git", "__pycache__", ".venv", "venv", ".tox", ".nox", "build", "dist",
    "node_modules", "site-packages",
})

MAX_LISTED = 30          # differences printed per project
DECYCLE_TIMEOUT = 120    # seconds allowed for one decycle run

# Evaluation contexts used while walking a syntax tree: a tuple
# (type_checking, in_function, frame) where frame is "module", "class" or
# "function" (the innermost scope the code runs in).
MODULE_CTX = (False, False, "module")


def strongest(kinds):
    """Return the strongest scope class among ``kinds``."""
    return max(kinds, key=RANK.__getitem__)


def scope_of(ctx):
    """Scope class of code evaluated in context ``ctx``."""
    if ctx[0]:
        return TYPE_ONLY
    if ctx[1]:
        return DEFERRED
    return IMPORT_TIME


def prefixes(dotted):
    """``a.b.c`` -> ``a``, ``a.b``, ``a.b.c``."""
    parts = dotted.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def is_ancestor(pkg, name):
    """True if ``pkg`` is a (strict) ancestor package of module ``name``."""
    return name.startswith(pkg + ".")


# ---------------------------------------------------------------------------
# Project scanning: which files are modules, and under which names.
# ---------------------------------------------------------------------------

class ModuleFile:
    """One listed module."""

    __slots__ = ("name", "path", "abspath", "kind", "is_package")

    def __init__(self, name, path, abspath, kind, is_package):
        self.name = name            # dotted module name
        self.path = path            # path relative to the project, "/"-separated
        self.abspath = abspath      # path on disk
        self.kind = kind            # "source", "stub" or "extension"
        self.is_package = is_package  # file is __init__.py / __init__.pyi


def is_identifier(name):
    """An importable name: ASCII letters, digits (not first) and underscores,
    plus any non-ASCII character (as decycle checks it, byte-wise)."""
    if not name or "0" <= name[0] <= "9":
        return False
    return all(ch == "_" or "a" <= ch <= "z" or "A" <= ch <= "Z" or "0" <= ch <= "9"
               or ch >= "\x80" for ch in name)


def _inside(real, top):
    """True if real path ``real`` is ``top`` or below it."""
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def _norm_rel(path):
    """Normalise a root given relative to the project to "/"-form ("." for the project)."""
    rel = os.path.normpath(path).replace(os.sep, "/")
    return "." if rel in ("", ".") else rel


def auto_roots(pdir):
    """The roots decycle picks when no --root is given."""
    src = os.path.join(pdir, "src")
    if os.path.isdir(src) and not os.path.isfile(os.path.join(pdir, "__init__.py")):
        try:
            entries = list(os.scandir(src))
        except OSError:
            entries = []
        for entry in entries:
            try:
                if entry.is_file() and entry.name.endswith(".py"):
                    return ["src"]
                if entry.is_dir() and os.path.isfile(os.path.join(entry.path, "__init__.py")):
                    return ["src"]
            except OSError:
                continue
    return ["."]


class ProjectModel:
    """Modules, namespace packages and per-file facts of one project."""

    def __init__(self, pdir, roots=None, excludes=(), uses_any_module=False):
        self.pdir = pdir
        self.uses_any_module = uses_any_module
        self.preal = os.path.realpath(pdir)
        self.excludes = [re.compile(rx) for rx in excludes]
        self.roots = [_norm_rel(r) for r in roots] if roots else auto_roots(pdir)
        self.modules = {}       # name -> ModuleFile
        self.namespaces = set()  # names of namespace packages
        self._ranks = {}        # name -> rank of the file chosen for it
        self._seen = set()      # (device, inode) of the directories walked
        for index, root in enumerate(self.roots):
            self._root_index = index
            self._scan_root(index, root)
        self._trees = {}     # name -> (tree or None, source text or None)
        self._facts = {}     # name -> BindingCollector (or None)

    # -- scanning ----------------------------------------------------------

    def _scan_root(self, index, root):
        # A file belongs to the innermost root holding it, as in decycle:
        # folders that are other roots are skipped (see _walk).
        absroot = self.pdir if root == "." else os.path.join(self.pdir, root)
        if not os.path.isdir(absroot):
            return
        prefix = []
        if root == "." and os.path.isfile(os.path.join(absroot, "__init__.py")):
            # The project directory is itself a package: climb the chain of
            # parent directories that are packages to get the name prefix.
            d = self.preal
            while os.path.isfile(os.path.join(d, "__init__.py")):
                if not is_identifier(os.path.basename(d)):
                    break
                prefix.insert(0, os.path.basename(d))
                parent = os.path.dirname(d)
                if parent == d:
                    break
                d = parent
        self._first_visit(absroot)
        self._walk(root, absroot, root, prefix)
        # Namespace packages: dotted prefixes of modules that are not modules.
        for name in self.modules:
            parts = name.split(".")
            for i in range(1, len(parts)):
                self.namespaces.add(".".join(parts[:i]))
        self.namespaces.difference_update(self.modules)

    def _excluded(self, rel):
        return any(rx.search(rel) for rx in self.excludes)

    def _first_visit(self, path):
        """Mark a directory as walked; False if it was already (links, loops)."""
        try:
            st = os.stat(path)
        except OSError:
            return False
        key = (st.st_dev, st.st_ino)
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    def _walk(self, root, absdir, reldir, parts):
        """Scan one directory (depth first, entries in byte order).

        Subdirectories are marked as seen when they are found, so a folder
        reached twice (through a link or a loop) is walked only the first time.
        """
        try:
            entries = sorted(os.scandir(absdir), key=lambda e: e.name.encode("utf-8", "surrogateescape"))
        except OSError:
            return
        files = {}    # file name -> (rel path, abs path)
        subdirs = []  # (name, abs path, rel path)
        for entry in entries:
            rel = entry.name if reldir == "." else reldir + "/" + entry.name
            try:
                if entry.is_symlink() and not _inside(os.path.realpath(entry.path), self.preal):
                    continue  # symlinks are followed only inside the project
                is_dir, is_file = entry.is_dir(), entry.is_file()
            except OSError:
                continue
            if is_dir:
                if entry.name in EXCLUDED_DIR_NAMES or entry.name.endswith(".egg-info"):
                    continue
                if self._excluded(rel) or any(rel == r for r in self.roots if r != root):
                    continue  # excluded, or another root, which owns its files
                if not is_identifier(entry.name) or not self._first_visit(entry.path):
                    continue
                subdirs.append((entry.name, entry.path, rel))
            elif is_file and not self._excluded(rel):
                files[entry.name] = (rel, entry.path)

        # Candidates for each module name, best (lowest) rank first:
        # pkg/__init__.py > extension > .py > .pyi > pkg/__init__.pyi.
        for fname in files:
            if fname.endswith(".py"):
                stem, rank, kind = fname[:-3], 2, "source"
            elif fname.endswith(".pyi"):
                stem, rank, kind = fname[:-4], 3, "stub"
            elif fname.endswith(".so") or fname.endswith(".pyd"):
                stem, rank, kind = fname.split(".")[0], 1, "extension"
            else:
                continue
            if not is_identifier(stem):
                continue
            rel, path = files[fname]
            if stem == "__init__":
                if parts:  # the __init__ of a root that is no package has no name
                    self._candidate(".".join(parts), rel, path, kind, True, 0 if rank == 2 else 4)
            else:
                self._candidate(".".join(parts + [stem]), rel, path, kind, False, rank)
        for name, path, rel in subdirs:
            self._walk(root, path, rel, parts + [name])

    def _candidate(self, name, rel, path, kind, is_package, rank):
        """Offer a file for module ``name``: earlier roots, then lower ranks, win."""
        rank += 8 * self._root_index
        old = self._ranks.get(name)
        if old is None or rank < old:
            self._ranks[name] = rank
            self.modules[name] = ModuleFile(name, rel, path, kind, is_package)

    # -- queries -------------------------------------------------------------

    def has_file(self, name):
        return name in self.modules

    def is_project_module(self, name):
        return name in self.modules or name in self.namespaces

    def package_of(self, name):
        """The package a module's relative imports are relative to."""
        mod = self.modules.get(name)
        if mod is not None and mod.is_package:
            return name
        return name.rpartition(".")[0]

    def resolve_from(self, name, level, module):
        """Absolute module named by ``from <level dots><module> import`` in ``name``.

        Returns None when the relative import climbs above the top level.
        """
        if level == 0:
            return module
        pkg = self.package_of(name)
        comps = pkg.split(".") if pkg else []
        if level - 1 >= len(comps):
            return None
        base = comps[:len(comps) - (level - 1)]
        if module:
            base.append(module)
        return ".".join(base)

    def _load(self, name):
        if name not in self._trees:
            mod = self.modules[name]
            tree = text = None
            if mod.kind == "source":
                try:
                    with open(mod.abspath, "rb") as fh:
                        data = fh.read()
                    try:
                        text = data.decode("utf-8-sig")
                    except UnicodeDecodeError:
                        text = None  # let ast honour a coding declaration
                    tree = ast.parse(data if text is None else text, filename=mod.path)
                    # A module Python refuses to compile (`from __future__
                    # import *`) can never be imported: like a parse error.
                    if b"__future__" in data:
                        with warnings.catch_warnings():
                            warnings.simplefilter("ignore")  # "is" with a literal...
                            compile(tree, mod.path, "exec", dont_inherit=True)
                except (SyntaxError, ValueError, UnicodeDecodeError,
                        MemoryError, RecursionError, OSError):
                    tree = text = None
            self._trees[name] = (tree, text)
        return self._trees[name]

    def tree(self, name):
        """Parsed syntax tree of a source module (None if it does not parse)."""
        return self._load(name)[0]

    def source(self, name):
        """Source text of a parsed module (None if unknown)."""
        return self._load(name)[1]

    def facts(self, name):
        """BindingCollector of a parsed source module, else None."""
        if name not in self._facts:
            collector = None
            if self.tree(name) is not None:
                collector = BindingCollector(self, name, self.tree(name))
                collector.run()
            self._facts[name] = collector
        return self._facts[name]

    def bindings(self, name):
        """Names bound at import time at module scope of ``name``'s file.

        Empty for namespace packages, stubs and extensions; None if the file
        does not parse (the answer is then unknown).
        """
        mod = self.modules.get(name)
        if mod is None or mod.kind != "source":
            return set()
        facts = self.facts(name)
        return None if facts is None else facts.names

    def all_names(self, name):
        """(names, certain): the literal ``__all__`` of ``name`` ([] if none).

        ``certain`` is False when the file does not parse.
        """
        mod = self.modules.get(name)
        if mod is None or mod.kind != "source":
            return [], True
        facts = self.facts(name)
        if facts is None:
            return None, False
        if facts.all_dynamic or facts.all_names is None:
            return [], True
        return facts.all_names, True

    def submodule_status(self, pkg, attr):
        """Is ``from pkg import attr`` a submodule import?  True/False/None (unknown)."""
        if not self.is_project_module(pkg + "." + attr):
            return False
        bound = self.bindings(pkg)
        if bound is None:
            return None
        return attr not in bound

    def children(self, pkg):
        """Listed modules directly below ``pkg``."""
        start = pkg + "."
        return sorted(n for n in self.modules
                      if n.startswith(start) and "." not in n[len(start):])


# ---------------------------------------------------------------------------
# Syntax tree walking with scope classes.
# ---------------------------------------------------------------------------

def is_type_checking_test(test):
    """``TYPE_CHECKING``, ``<anything>.TYPE_CHECKING`` or ``False``."""
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    if isinstance(test, ast.Attribute):
        return test.attr == "TYPE_CHECKING"
    return isinstance(test, ast.Constant) and test.value is False


def is_main_test(test):
    """``__name__ == "__main__"`` (either way round): the body runs only when
    the module runs as a script, so decycle counts it as deferred."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)):
        return False
    a, b = test.left, test.comparators[0]
    def is_name(n):
        return isinstance(n, ast.Name) and n.id == "__name__"
    def is_main(n):
        return isinstance(n, ast.Constant) and n.value == "__main__"
    return (is_name(a) and is_main(b)) or (is_name(b) and is_main(a))


def has_future_annotations(tree):
    for stmt in tree.body:
        if isinstance(stmt, ast.ImportFrom) and stmt.module == "__future__" and stmt.level == 0:
            if any(alias.name == "annotations" for alias in stmt.names):
                return True
    return False


def string_list(value):
    """The strings of a list/tuple of plain string literals, else None."""
    if isinstance(value, (ast.List, ast.Tuple)) and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in value.elts):
        return [e.value for e in value.elts]
    return None


class ScopedWalker:
    """Walks a module's tree in source order, tracking the evaluation context.

    Subclasses implement ``hook(node, ctx)``, called for every node with the
    context in which that node is evaluated.
    """

    def __init__(self, tree):
        self.tree = tree
        self.future_annotations = has_future_annotations(tree)

    def run(self):
        """Call ``hook`` on every node, in source order (pre-order).

        Iterative, so that deeply nested input cannot exhaust the stack.
        """
        stack = [(stmt, MODULE_CTX) for stmt in reversed(self.tree.body)]
        while stack:
            node, ctx = stack.pop()
            self.hook(node, ctx)
            children = self.children(node, ctx)
            stack.extend(reversed(children))

    def hook(self, node, ctx):
        pass

    def annotation_ctx(self, ctx, local):
        """Context of an annotation: never evaluated -> treated as type-only."""
        if self.future_annotations or local:
            return (True, ctx[1], ctx[2])
        return ctx

    def children(self, node, ctx):
        """The child nodes of ``node`` in source order, each with its context."""
        kind = type(node)
        out = []

        def add(nodes, child_ctx):
            out.extend((n, child_ctx) for n in nodes if n is not None)

        if kind in (ast.FunctionDef, ast.AsyncFunctionDef):
            add(node.decorator_list, ctx)
            add(getattr(node, "type_params", []), ctx)
            args = node.args
            add(args.defaults, ctx)
            add(args.kw_defaults, ctx)
            actx = self.annotation_ctx(ctx, local=False)
            for arg in args.posonlyargs + args.args + args.kwonlyargs + [args.vararg, args.kwarg]:
                if arg is not None:
                    add([arg.annotation], actx)
            add([node.returns], actx)
            add(node.body, (ctx[0], True, "function"))
        elif kind is ast.Lambda:
            add(node.args.defaults, ctx)
            add(node.args.kw_defaults, ctx)
            add([node.body], (ctx[0], True, "function"))
        elif kind is ast.ClassDef:
            add(node.decorator_list, ctx)
            add(getattr(node, "type_params", []), ctx)
            add(node.bases, ctx)
            add(node.keywords, ctx)
            add(node.body, (ctx[0], ctx[1], "class"))
        elif kind is ast.If:
            add([node.test], ctx)
            if is_type_checking_test(node.test):
                add(node.body, (True, ctx[1], ctx[2]))
            elif is_main_test(node.test):
                add(node.body, (ctx[0], True, ctx[2]))
            else:
                add(node.body, ctx)
            add(node.orelse, ctx)
        elif kind is ast.AnnAssign:
            add([node.target], ctx)
            add([node.annotation], self.annotation_ctx(ctx, local=ctx[2] == "function"))
            add([node.value], ctx)
        else:
            add(ast.iter_child_nodes(node), ctx)
        return out


def target_names(target):
    """Names bound by an assignment target."""
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for elt in target.elts for n in target_names(elt)]
    if isinstance(target, ast.Starred):
        return target_names(target.value)
    return []


def bound_names(node, model, module):
    """Names a statement or expression node binds in the scope it runs in.

    A from-import of the very submodule ``module.n`` into ``module``'s own
    namespace (``from . import n``) is not counted (it binds the submodule).
    """
    names = []
    add = names.extend
    if isinstance(node, ast.Assign):
        for target in node.targets:
            add(target_names(target))
    elif isinstance(node, ast.AnnAssign):
        if node.value is not None:
            add(target_names(node.target))
    elif isinstance(node, (ast.AugAssign, ast.NamedExpr)):
        add(target_names(node.target))
    elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        add([node.name])
    elif isinstance(node, (ast.For, ast.AsyncFor)):
        add(target_names(node.target))
    elif isinstance(node, (ast.With, ast.AsyncWith)):
        for item in node.items:
            if item.optional_vars is not None:
                add(target_names(item.optional_vars))
    elif isinstance(node, ast.ExceptHandler):
        if node.name:
            add([node.name])
    elif isinstance(node, ast.Import):
        for alias in node.names:
            add([alias.asname or alias.name.split(".")[0]])
    elif isinstance(node, ast.ImportFrom):
        source = model.resolve_from(module, node.level, node.module)
        for alias in node.names:
            if alias.name == "*":
                continue
            if source == module and alias.asname in (None, alias.name):
                continue  # `from . import n`: binds the submodule itself
            add([alias.asname or alias.name])
    return names


class BindingCollector(ScopedWalker):
    """What a module's own import-time, module-scope code binds, and its ``__all__``.

    ``names``: bound names (see ``bound_names``).  ``all_names``: the strings
    of a literal ``__all__`` (``__all__ = [...]`` then any ``__all__ += [...]``),
    or None when there is none or it is not entirely literal.
    """

    def __init__(self, model, name, tree):
        super().__init__(tree)
        self.model = model
        self.name = name
        self.names = set()
        self.all_names = None
        self.all_dynamic = False

    def hook(self, node, ctx):
        if ctx != MODULE_CTX:
            return
        self.names.update(bound_names(node, self.model, self.name))
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if not any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
                return
            value = string_list(node.value) if node.value is not None else None
            if isinstance(node, ast.AugAssign):
                if value is None or not isinstance(node.op, ast.Add) or self.all_names is None:
                    self.all_dynamic = True
                else:
                    self.all_names = self.all_names + value
            elif node.value is not None:
                if value is None:
                    self.all_dynamic = True
                self.all_names = value or []
        elif isinstance(node, ast.Call):  # __all__.append(...), __all__.extend(...)
            func = node.func
            if (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                    and func.value.id == "__all__"):
                self.all_dynamic = True


class EdgeCollector(ScopedWalker):
    """The import sites of one module: list of (to, line, column, kind, optional).

    ``optional`` sites are ones this model cannot decide (they depend on a
    file that does not parse); decycle may or may not report them.
    """

    def __init__(self, model, name, tree, uses_any_module=False):
        super().__init__(tree)
        self.model = model
        self.m = name
        self.source = model.source(name)
        self.uses_any_module = uses_any_module
        self.sites = []
        # Name -> module, for names whose current module-scope binding is a
        # module-level import-time plain import (any other binding forgets).
        self.bound_modules = {}

    def add(self, target, node, kind, optional=False):
        if target != self.m and self.model.has_file(target):
            self.sites.append((target, node.lineno, node.col_offset + 1, kind, optional))

    def import_name(self, dotted, node, kind):
        """``import a.b.c``: every prefix with a file, except m and its ancestors."""
        for prefix in prefixes(dotted):
            if not is_ancestor(prefix, self.m):
                self.add(prefix, node, kind)

    def add_submodule(self, sub, node, kind, optional=False):
        if not is_ancestor(sub, self.m):
            self.add(sub, node, kind, optional)

    def hook(self, node, ctx):
        kind = scope_of(ctx)
        if ctx == MODULE_CTX:
            for bound in bound_names(node, self.model, self.m):
                self.bound_modules.pop(bound, None)
        if isinstance(node, ast.Import):
            for alias in node.names:
                self.import_name(alias.name, node, kind)
                if ctx == MODULE_CTX:
                    if alias.asname:
                        self.bound_modules[alias.asname] = alias.name
                    else:
                        first = alias.name.split(".")[0]
                        self.bound_modules[first] = first
        elif isinstance(node, ast.ImportFrom):
            self.import_from(node, kind)
        elif isinstance(node, ast.Call):
            self.import_call(node, kind)
        elif isinstance(node, ast.Attribute):
            self.use(node, kind)

    def import_from(self, node, kind):
        model = self.model
        source = model.resolve_from(self.m, node.level, node.module)
        if source is None:
            return  # relative import beyond the top level
        self.import_name(source, node, kind)
        for alias in node.names:
            if alias.name == "*":
                self.add(source, node, kind)
                names, certain = model.all_names(source)
                if not certain:
                    # __all__ unknown: any child may or may not be reported.
                    for child in model.children(source):
                        self.add_submodule(child, node, kind, optional=True)
                    continue
                for attr in names:
                    status = model.submodule_status(source, attr)
                    if status is not False:
                        self.add_submodule(source + "." + attr, node, kind,
                                           optional=status is None)
                continue
            status = model.submodule_status(source, alias.name)
            if status is True:
                self.add_submodule(source + "." + alias.name, node, kind)
            elif status is False:
                self.add(source, node, kind)
            else:  # the package's __init__ does not parse: either is possible
                self.add_submodule(source + "." + alias.name, node, kind, optional=True)
                self.add(source, node, kind, optional=True)

    def import_call(self, node, kind):
        func = node.func
        if isinstance(func, ast.Attribute):
            ok = (func.attr == "import_module" and isinstance(func.value, ast.Name)
                  and func.value.id == "importlib")
        elif isinstance(func, ast.Name):
            ok = func.id in ("import_module", "__import__")
        else:
            ok = False
        if not ok or not node.args:
            return
        name = self.plain_string(node.args[0])
        if name is not None and all(is_identifier(part) for part in name.split(".")):
            self.import_name(name, node, kind)

    def plain_string(self, node):
        """Value of a plain string literal: one part, no prefix but r, no escapes."""
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            return None
        if self.source is None:
            return node.value  # cannot check the spelling; accept
        text = ast.get_source_segment(self.source, node)
        if text is None:
            return node.value
        body = text[1:] if text[:1] in ("r", "R") else text
        for quote in ('"""', "'''", '"', "'"):
            if body == quote + node.value + quote:
                return node.value
        return None

    def use(self, node, kind):
        """``NAME.attr`` read at import time, NAME bound by ``import D``."""
        # `del pkg.x` needs pkg.x to exist, so it counts like a read;
        # `pkg.x = v` does not.
        if kind != IMPORT_TIME or isinstance(node.ctx, ast.Store):
            return
        value = node.value
        if not isinstance(value, ast.Name) or value.id not in self.bound_modules:
            return
        module = self.bound_modules[value.id]
        if self.model.is_project_module(module + "." + node.attr):
            return
        if not self.uses_any_module and not is_ancestor(module, self.m):
            return  # any other module already has the edge from the import
        self.add(module, value, IMPORT_TIME)


def expected_edges(model):
    """Compute the expected edges of a project.

    Returns (edges, unparsable) where edges maps (from, to) to a dict
    {(path, line, column): [kind, optional]} and unparsable is the set of
    source modules that ``ast`` cannot parse.
    """
    edges = {}
    unparsable = set()
    for name in sorted(model.modules):
        mod = model.modules[name]
        if mod.kind != "source":
            continue
        tree = model.tree(name)
        if tree is None:
            unparsable.add(name)
            continue
        collector = EdgeCollector(model, name, tree, model.uses_any_module)
        collector.run()
        for target, line, col, kind, optional in collector.sites:
            sites = edges.setdefault((name, target), {})
            key = (mod.path, line, col)
            if key in sites:
                old = sites[key]
                old[0] = strongest([old[0], kind])
                old[1] = old[1] and optional
            else:
                sites[key] = [kind, optional]
    return edges, unparsable


# ---------------------------------------------------------------------------
# Graph algorithms.
# ---------------------------------------------------------------------------

def strongly_connected_components(nodes, graph):
    """Tarjan's algorithm, iterative.  graph: node -> iterable of successors."""
    index_of, low, on_stack = {}, {}, set()
    stack, components = [], []
    counter = 0
    for start in sorted(nodes):
        if start in index_of:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index_of[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            advanced = False
            for succ in successors:
                if succ not in index_of:
                    index_of[succ] = low[succ] = counter
                    counter += 1
                    stack.append(succ)
                    on_stack.add(succ)
                    work.append((succ, iter(sorted(graph.get(succ, ())))))
                    advanced = True
                    break
                if succ in on_stack:
                    low[node] = min(low[node], index_of[succ])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index_of[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    return components


def shortest_cycle_length(graph, start):
    """Number of edges of a shortest cycle through ``start`` (None if none)."""
    dist = {start: 0}
    queue = deque([start])
    best = None
    while queue:
        node = queue.popleft()
        for succ in graph.get(node, ()):
            if succ == start:
                length = dist[node] + 1
                if best is None or length < best:
                    best = length
            elif succ not in dist:
                dist[succ] = dist[node] + 1
                queue.append(succ)
    return best


def shortest_cycle(graph, start):
    """One shortest cycle through ``start`` as a list start..start (or None)."""
    parent = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for succ in sorted(graph.get(node, ())):
            if succ == start:
                path = [node]
                while parent[path[-1]] is not None:
                    path.append(parent[path[-1]])
                return list(reversed(path)) + [start]
            if succ not in parent:
                parent[succ] = node
                queue.append(succ)
    return None


# ---------------------------------------------------------------------------
# Comparison with decycle's JSON.
# ---------------------------------------------------------------------------

def fmt_sites(sites):
    return ", ".join("%s:%d:%d %s" % (p, l, c, k) for (p, l, c), k in sorted(sites.items()))


def parse_actual(data, diffs):
    """Extract modules and edges from decycle's JSON, noting malformations."""
    modules = set()
    for m in data.get("modules", []):
        modules.add((m["name"], m["path"]))
    edges = {}
    for e in data.get("edges", []):
        key = (e["from"], e["to"])
        sites = {}
        for s in e.get("sites", []):
            skey = (s["path"], s["line"], s["column"])
            if skey in sites:
                diffs.append("edge %s -> %s: duplicate site %s:%d:%d" % (key + skey))
            sites[skey] = s["kind"]
        if key in edges:
            diffs.append("edge %s -> %s listed more than once" % key)
            edges[key]["sites"].update(sites)
        else:
            edges[key] = {"kind": e["kind"], "sites": sites}
    return modules, edges


def compare(model, data):
    """All differences between the model and decycle's JSON, as strings."""
    diffs = []
    try:
        actual_modules, actual_edges = parse_actual(data, diffs)
        actual_cycles = [(list(c["modules"]), list(c["example"])) for c in data.get("cycles", [])]
    except (KeyError, TypeError, AttributeError) as exc:
        return ["malformed JSON from decycle: %s: %s" % (type(exc).__name__, exc)]

    # (1) modules
    expected_modules = {(m.name, m.path) for m in model.modules.values()}
    for name, path in sorted(expected_modules - actual_modules):
        diffs.append("module missing: %s (%s)" % (name, path))
    for name, path in sorted(actual_modules - expected_modules):
        diffs.append("unexpected module: %s (%s)" % (name, path))

    # (2) + (3) edges and their sites
    expected, unparsable = expected_edges(model)
    graph = {}  # import-time edges used for the cycle checks

    def add_graph_edge(key):
        graph.setdefault(key[0], set()).add(key[1])

    for key in sorted(set(expected) | set(actual_edges)):
        frm, to = key
        act = actual_edges.get(key)
        if frm in unparsable:
            # Not comparable; trust decycle's edge for the cycle checks.
            if act is not None and act["kind"] == IMPORT_TIME:
                add_graph_edge(key)
            continue
        exp = expected.get(key, {})
        required = {s: v[0] for s, v in exp.items() if not v[1]}
        if act is None:
            if required:
                diffs.append("missing edge %s -> %s [%s]; sites: %s" % (
                    frm, to, strongest(required.values()), fmt_sites(required)))
                if strongest(required.values()) == IMPORT_TIME:
                    add_graph_edge(key)
            continue
        if not exp:
            diffs.append("unexpected edge %s -> %s [%s]; sites: %s" % (
                frm, to, act["kind"], fmt_sites(act["sites"])))
            continue
        for site, kind in sorted(required.items()):
            if site not in act["sites"]:
                diffs.append("edge %s -> %s: missing site %s:%d:%d %s" % (key + site + (kind,)))
        present = {}
        for site, kind in sorted(act["sites"].items()):
            if site not in exp:
                diffs.append("edge %s -> %s: unexpected site %s:%d:%d %s" % (key + site + (kind,)))
                continue
            present[site] = exp[site][0]
            if kind != exp[site][0]:
                diffs.append("edge %s -> %s: site %s:%d:%d has kind %s, expected %s" % (
                    key + site + (kind, exp[site][0])))
        present.update(required)
        kind = strongest(present.values()) if present else None
        if kind is not None and act["kind"] != kind:
            diffs.append("edge %s -> %s has kind %s, expected %s" % (frm, to, act["kind"], kind))
        if kind == IMPORT_TIME:
            add_graph_edge(key)

    # (4) cycles: SCCs of the import-time graph, and the examples
    nodes = set(model.modules) | set(graph) | {t for ts in graph.values() for t in ts}
    expected_sccs = {frozenset(c) for c in strongly_connected_components(nodes, graph) if len(c) >= 2}
    actual_sccs = set()
    for members, example in actual_cycles:
        comp = frozenset(members)
        if comp in actual_sccs:
            diffs.append("cycle listed more than once: %s" % " ".join(sorted(comp)))
        actual_sccs.add(comp)
        check_example(graph, comp, example, diffs)
    for comp in sorted(expected_sccs - actual_sccs, key=sorted):
        example = shortest_cycle(graph, min(comp))
        diffs.append("missing cycle {%s}, e.g. %s" % (", ".join(sorted(comp)), " -> ".join(example)))
    for comp in sorted(actual_sccs - expected_sccs, key=sorted):
        diffs.append("unexpected cycle {%s}" % ", ".join(sorted(comp)))

    # (5) the files Python refuses to compile
    compare_refusals(model, data.get("diagnostics", []), diffs)
    return diffs


# What Python refuses and decycle does not look for (its own syntax check
# is not a compiler's: see README.md, "Bad input").
UNCHECKED_REFUSALS = ("no binding for nonlocal", "is parameter and", "is assigned to before", "is used prior to",
                      "annotated name", "is nonlocal and global", "cannot assign to __debug__",
                      "cannot delete __debug__", "starred assignment target", "multiple starred expressions",
                      "cannot delete", "cannot assign to", "is an illegal expression for augmented assignment",
                      "assignment expression", "alternative patterns bind", "makes remaining patterns unreachable",
                      "multiple assignments to name", "(unicode error)", "(value error)",
                      "too many statically nested blocks", "unknown encoding")


def python_refusal(path):
    """Why Python refuses to compile the file at `path`, or None."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(data, path, "exec", dont_inherit=True)
        return None
    except (SyntaxError, ValueError) as exc:
        return str(getattr(exc, "msg", exc))
    except (MemoryError, RecursionError, OSError):
        return None  # not Python's verdict on the text


def compare_refusals(model, diagnostics, diffs):
    """Every source module Python refuses to compile has a diagnostic (but
    for UNCHECKED_REFUSALS), and decycle says "Python will refuse" of none
    that Python compiles. (tree-sitter's own syntax errors on text Python
    takes do not claim that.)"""
    said = {}
    for d in diagnostics:
        said.setdefault(d.get("path"), []).append(d.get("message", ""))
    for mod in sorted(model.modules.values(), key=lambda m: m.path):
        if mod.kind != "source":
            continue
        why = python_refusal(mod.abspath)
        messages = said.get(mod.path, [])
        if why is None:
            for m in messages:
                if "Python will refuse" in m:
                    diffs.append("%s: Python compiles it, decycle says %r" % (mod.path, m))
        elif not messages and not why.startswith(UNCHECKED_REFUSALS):
            diffs.append("%s: Python refuses it (%s), decycle says nothing" % (mod.path, why))


def check_example(graph, comp, example, diffs):
    """The example must be a shortest cycle through its first module."""
    label = " -> ".join(str(x) for x in example)
    if not all(isinstance(x, str) for x in example):
        diffs.append("cycle example is not a list of module names: %s" % label)
        return
    if len(example) < 3 or example[0] != example[-1]:
        diffs.append("cycle example is not a closed cycle: %s" % label)
        return
    for frm, to in zip(example, example[1:]):
        if frm not in comp or to not in comp:
            diffs.append("cycle example %s leaves its component at %s -> %s" % (label, frm, to))
            return
        if to not in graph.get(frm, ()):
            diffs.append("cycle example %s uses %s -> %s, not an import-time edge" % (label, frm, to))
            return
    best = shortest_cycle_length(graph, example[0])
    if best is not None and best < len(example) - 1:
        diffs.append("cycle example %s has %d edges; a cycle through %s with %d exists: %s" % (
            label, len(example) - 1, example[0], best,
            " -> ".join(shortest_cycle(graph, example[0]))))


def model_json(model):
    """This script's own view of a project, in decycle's JSON shape."""
    expected, unparsable = expected_edges(model)
    graph = {}
    edges = []
    for (frm, to), sites in sorted(expected.items()):
        required = {s: v[0] for s, v in sites.items() if not v[1]}
        if not required:
            continue
        kind = strongest(required.values())
        if kind == IMPORT_TIME:
            graph.setdefault(frm, set()).add(to)
        edges.append({"from": frm, "to": to, "kind": kind, "sites": [
            {"path": p, "line": l, "column": c, "kind": k} for (p, l, c), k in sorted(required.items())]})
    cycles = []
    for comp in strongly_connected_components(set(model.modules), graph):
        if len(comp) >= 2:
            cycles.append({"modules": sorted(comp), "example": shortest_cycle(graph, min(comp))})
    return {"version": 1, "roots": model.roots,
            "modules": [{"name": m.name, "path": m.path} for m in sorted(
                model.modules.values(), key=lambda m: m.name)],
            "edges": edges, "cycles": sorted(cycles, key=lambda c: c["modules"]),
            "unparsable": sorted(unparsable)}


# ---------------------------------------------------------------------------
# Running decycle.
# ---------------------------------------------------------------------------

def run_decycle(binary, project_dir, extra_args):
    """Run decycle; return (json_data, None) or (None, error message)."""
    cmd = [binary, "--format", "json", "-j", "1"] + list(extra_args) + [project_dir]
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=DECYCLE_TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, "decycle timed out after %ds: %s" % (DECYCLE_TIMEOUT, " ".join(cmd))
    except OSError as exc:
        return None, "cannot run decycle: %s" % exc
    stderr = proc.stderr.decode("utf-8", "replace").strip()
    if proc.returncode not in (0, 1):
        return None, "decycle exited with status %d: %s\n    stderr: %s" % (
            proc.returncode, " ".join(cmd), stderr[-2000:])
    try:
        return json.loads(proc.stdout.decode("utf-8")), None
    except (UnicodeDecodeError, ValueError) as exc:
        return None, "decycle printed invalid JSON (%s): %s" % (exc, proc.stdout[:300])


class SkipCase(Exception):
    """A golden case this script cannot model."""


def golden_options(case_dir):
    """(roots, excludes, passthrough args) from a golden case's ``args`` file."""
    with open(os.path.join(case_dir, "args"), encoding="utf-8") as fh:
        tokens = [line.strip() for line in fh.read().splitlines() if line.strip()]
    roots, excludes, passthrough = [], [], []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        for opt in ("--root", "--exclude", "--format", "-j"):
            if token == opt:
                if i + 1 >= len(tokens):
                    raise SkipCase("option %s without a value" % opt)
                value, i = tokens[i + 1], i + 2
                break
            if token.startswith(opt + "=") or (opt == "-j" and token.startswith("-j") and len(token) > 2):
                value = token[len(opt) + 1:] if token.startswith(opt + "=") else token[2:]
                i += 1
                break
        else:
            raise SkipCase("unsupported option %r in args" % token)
        if opt == "--root":
            roots.append(value)
            passthrough += ["--root", value]
        elif opt == "--exclude":
            excludes.append(value)
            passthrough += ["--exclude", value]
        # --format and -j are replaced by our own "--format json -j 1".
    return roots, excludes, passthrough


def check_project(binary, project_dir, roots=None, excludes=(), extra_args=(),
                  uses_any_module=False):
    """Differences for one project (an empty list means it passed)."""
    data, error = run_decycle(binary, project_dir, extra_args)
    if error:
        return [error]
    try:
        model = ProjectModel(project_dir, roots, excludes, uses_any_module)
    except re.error as exc:
        return ["bad --exclude regex: %s" % exc]
    return compare(model, data)


def report(label, diffs, verbose):
    if not diffs:
        if verbose:
            print("PASS %s" % label)
        return
    print("FAIL %s: %d difference%s" % (label, len(diffs), "" if len(diffs) == 1 else "s"))
    for line in diffs[:MAX_LISTED]:
        print("    - " + line)
    if len(diffs) > MAX_LISTED:
        print("    ... and %d more" % (len(diffs) - MAX_LISTED))


# ---------------------------------------------------------------------------
# Random project generator.
# ---------------------------------------------------------------------------

WORDS = (
    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
    "india", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa",
    "quebec", "romeo", "sierra", "tango", "uniform", "victor", "whiskey",
    "xray", "yankee", "zulu", "amber", "basil", "cedar", "dune", "ember",
    "fjord", "garnet", "heron", "iris", "jasper", "kestrel", "larch", "maple",
    "nectar", "opal", "pine", "quartz", "raven", "sage", "thyme", "umber",
)
EXTERNALS = ("os", "os.path", "json", "collections.abc", "nosuchmod", "nosuchmod.sub")
EXT_SUFFIX = ".cpython-311-x86_64-linux-gnu.so"

# Statement wrappers under which a plain import still binds at module scope
# at import time (so later `NAME.attr` reads count as uses).
MODULE_LEVEL_WRAPPERS = ("try", "with", "for", "while_false", "if_not_tc", "match")
STMT_WRAPPERS = ("def", "async_def", "method", "nested_def", "class", "class_in_def",
                 "tc", "typing_tc", "elif_tc", "if_false", "if_not_tc", "try", "with",
                 "for", "while_false", "match")
EXPR_WRAPPERS = ("stmt", "stmt", "lambda", "lambda_default", "default", "decorator",
                 "class_decorator", "base", "comprehension", "ann_module", "ann_class",
                 "ann_param", "ann_return", "ann_local", "in_def")


def indent(lines):
    return ["    " + line if line else line for line in lines]


class ProjectGenerator:
    """Writes one random project; see ``generate``."""

    def __init__(self, rng, allow_match):
        self.rng = rng
        self.allow_match = allow_match
        self.pool = rng.sample(WORDS, len(WORDS))
        self.fresh = 0

    # -- helpers ---------------------------------------------------------------

    def take(self):
        if self.pool:
            return self.pool.pop()
        self.fresh += 1
        return "mod%d" % self.fresh

    def new_id(self, stem):
        self.counter += 1
        return "%s%d" % (stem, self.counter)

    def chance(self, p):
        return self.rng.random() < p

    def write(self, rel, text, binary=False):
        path = os.path.join(self.root_dir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb" if binary else "w") as fh:
            fh.write(text)

    # -- project layout --------------------------------------------------------

    def generate(self, base):
        """Create a random project below directory ``base``; return its path."""
        rng = self.rng
        layout = rng.choice(("flat", "flat", "src", "src", "pkgroot"))
        self.prefix = ()
        if layout == "pkgroot":
            # The project directory is itself a package (maybe inside another).
            self.prefix = (self.take(), self.take()) if self.chance(0.3) else (self.take(),)
        project = os.path.join(base, *self.prefix) if self.prefix else os.path.join(base, "proj")
        os.makedirs(project)
        if len(self.prefix) == 2:
            with open(os.path.join(base, self.prefix[0], "__init__.py"), "w") as fh:
                fh.write("OUTER = 1\n")
        self.root_dir = os.path.join(project, "src") if layout == "src" else project

        # Package tree: name tuple -> {"regular": bool, "children": [names]}.
        self.packages = {}
        if self.prefix:
            self.packages[self.prefix] = {"regular": True, "children": []}
        max_depth = rng.randint(1, 3)
        for _ in range(rng.choice((1, 1, 2))):
            self.make_package(self.prefix, 1, max_depth)
        regular = [p for p, info in self.packages.items() if info["regular"]]

        # Plain modules: every namespace package gets one, the rest at random.
        self.modules = {}  # name tuple -> is_package
        for pkg in regular:
            self.modules[pkg] = True
        containers = list(self.packages) + ([()] if not self.prefix else [])
        plain = []
        for pkg, info in self.packages.items():
            if not info["regular"]:
                plain.append(pkg)
        total = rng.randint(3, 15)
        while len(regular) + len(plain) < total:
            plain.append(rng.choice(containers))
        if layout == "src" and not any(len(p) == 1 and self.packages[p]["regular"]
                                       for p in self.packages):
            plain.append(())  # keep src/ recognisable as the root
        for container in plain:
            self.add_module(container, self.take())

        # Import targets: listed modules, namespace packages and extras.
        self.targets = [".".join(n) for n in self.modules]
        self.targets += [".".join(p) for p, info in self.packages.items() if not info["regular"]]
        self.extra_files = []
        self.make_extras(layout)
        self.targets.sort()

        broken = None
        candidates = [n for n, is_pkg in self.modules.items() if not is_pkg]
        if candidates and self.chance(0.1):
            broken = rng.choice(sorted(candidates))
        for name, is_pkg in sorted(self.modules.items()):
            text = self.module_source(name, is_pkg)
            if name == broken:
                text += "\ndef broken(:\n    pass\n"
            self.write(self.rel_path(name, is_pkg), text)
        for rel, text, binary in self.extra_files:
            self.write(rel, text, binary)
        if layout == "src":
            with open(os.path.join(project, "setup.py"), "w") as fh:
                fh.write("import %s\n" % rng.choice(self.targets))
        return project

    def make_package(self, parent, depth, max_depth):
        name = self.take()
        full = parent + (name,)
        self.packages[full] = {"regular": self.chance(0.75), "children": []}
        if parent in self.packages:
            self.packages[parent]["children"].append(name)
        if depth < max_depth:
            for _ in range(self.rng.choice((0, 1, 1, 2))):
                self.make_package(full, depth + 1, max_depth)

    def add_module(self, container, name):
        self.modules[container + (name,)] = False
        if container in self.packages:
            self.packages[container]["children"].append(name)

    def rel_path(self, name, is_pkg):
        rel = "/".join(name[len(self.prefix):])
        if is_pkg:
            return (rel + "/" if rel else "") + "__init__.py"
        return rel + ".py"

    def make_extras(self, layout):
        """Stubs, extension modules, shadowed files, excluded directories..."""
        rng = self.rng
        containers = sorted(p for p, info in self.packages.items() if info["regular"])
        containers += [()] if not self.prefix else []
        dir_of = lambda c: "/".join(c[len(self.prefix):])
        join = lambda d, f: d + "/" + f if d else f

        def noisy_imports():
            return "".join("import %s\n" % t for t in rng.sample(self.targets, min(2, len(self.targets))))

        if containers and self.chance(0.25):  # a stub-only module: listed, no edges
            c = rng.choice(containers)
            name = self.take()
            self.extra_files.append((join(dir_of(c), name + ".pyi"), noisy_imports() + "def f() -> int: ...\n", False))
            self.targets.append(".".join(c + (name,)))
            if c in self.packages:
                self.packages[c]["children"].append(name)
        plain = sorted(n for n, is_pkg in self.modules.items() if not is_pkg)
        if plain and self.chance(0.25):  # a stub next to its .py: not a module
            self.extra_files.append((self.rel_path(rng.choice(plain), False) + "i", noisy_imports(), False))
        if containers and self.chance(0.2):  # an extension module
            c = rng.choice(containers)
            name = self.take()
            self.extra_files.append((join(dir_of(c), name + EXT_SUFFIX), b"\x7fELF", True))
            if self.chance(0.5):  # ... that beats a .py of the same name
                self.extra_files.append((join(dir_of(c), name + ".py"), noisy_imports(), False))
            self.targets.append(".".join(c + (name,)))
            if c in self.packages:
                self.packages[c]["children"].append(name)
        regular = sorted(p for p, info in self.packages.items() if info["regular"] and p != self.prefix)
        if regular and self.chance(0.2):  # pkg.py beside pkg/: the package wins
            p = rng.choice(regular)
            self.extra_files.append((dir_of(p) + ".py", noisy_imports(), False))
        if self.chance(0.3):  # excluded directories are never scanned
            where = dir_of(rng.choice(sorted(self.packages))) if self.packages else ""
            skipped = rng.choice(sorted(EXCLUDED_DIR_NAMES) + ["thing.egg-info"])
            self.extra_files.append((join(join(where, skipped), "junk.py"), noisy_imports(), False))
            self.extra_files.append((join(join(join(where, skipped), "inner"), "__init__.py"), noisy_imports(), False))
        if self.chance(0.1):  # a directory without Python files is no namespace package
            self.extra_files.append((join(dir_of(rng.choice(containers)) if containers else "", "data/readme.txt"), "hello\n", False))

    # -- module contents -------------------------------------------------------

    def module_source(self, name, is_pkg):
        rng = self.rng
        self.cur = name
        self.cur_package = name if is_pkg else name[:-1]
        self.counter = 0
        self.plain_bound = []   # (name, module) bound by module-level plain imports
        self.other_bound = []   # (name, module) bound otherwise
        lines = ['"""Generated module %s."""' % ".".join(name)]
        if self.chance(0.25):
            lines.append("from __future__ import annotations")
        lines += ["import importlib", "import typing", "import contextlib",
                  "from typing import TYPE_CHECKING", "from importlib import import_module", ""]
        if is_pkg:
            lines += self.init_body(name)
        statements = [self.statement() for _ in range(rng.randint(0, 7))]
        if len(name) > 1 and self.chance(0.35):
            # The classic `import pkg.sub` + `VERSION = pkg.__version__`.
            own = [t for t in self.targets if t.split(".")[0] == name[0]]
            target = rng.choice(own)
            self.plain_bound.append((name[0], name[0]))
            statements.insert(rng.randint(0, len(statements)), [
                "import %s" % target,
                "VERSION = %s.%s" % (name[0], rng.choice(("__version__", "CONST", "missing")))])
        for statement in statements:
            lines += statement
        return "\n".join(lines) + "\n"

    def init_body(self, name):
        """Constants, (non-)bindings of submodule names and __all__ of a package."""
        rng = self.rng
        children = self.packages[name]["children"] if name in self.packages else []
        lines = ['__version__ = "1.0"', "CONST = 1"]
        if children and self.chance(0.4):
            lines += self.binding_of(rng.choice(children), children)
        if children and self.chance(0.4):
            lines += self.non_binding_of(rng.choice(children), name)
        if self.chance(0.4):
            pool = children + ["CONST", "__version__"]
            lines.append("__all__ = %r" % rng.sample(pool, rng.randint(0, len(pool))))
            if children and self.chance(0.3):
                lines.append("__all__ += [%r]" % rng.choice(children))
        return lines

    def binding_of(self, n, children):
        """Code that binds name ``n`` at import time at module scope."""
        others = [c for c in children if c != n]
        forms = [
            "%s = 1" % n, "(%s, _x) = (1, 2)" % n, "[_y, *%s] = [1, 2]" % n,
            "%s: int = 1" % n, "%s += 1" % n, "if (%s := 1):\n    pass" % n,
            "def %s():\n    pass" % n, "class %s:\n    pass" % n,
            "for %s in range(1):\n    pass" % n, "with open(__file__) as %s:\n    pass" % n,
            "try:\n    pass\nexcept Exception as %s:\n    pass" % n,
            "import os as %s" % n, "from os import path as %s" % n,
            "try:\n    %s = 1\nexcept ImportError:\n    pass" % n,
            "_w = [(%s := i) for i in range(1)]" % n,
        ]
        if others:
            forms.append("from . import %s as %s" % (self.rng.choice(others), n))
        return self.rng.choice(forms).split("\n")

    def non_binding_of(self, n, pkg):
        """Code that mentions ``n`` without binding it at module scope."""
        forms = [
            "from . import %s" % n, "from %s import %s" % (".".join(pkg), n),
            "if TYPE_CHECKING:\n    %s = 1" % n, "if False:\n    %s = 1" % n,
            "def _f():\n    %s = 1" % n, "class _K:\n    %s = 1" % n, "%s: int" % n,
            "_l = [%s for %s in range(1)]" % (n, n), "_g = lambda: (%s := 1)" % n,
            "if typing.TYPE_CHECKING:\n    from os import path as %s" % n,
        ]
        return self.rng.choice(forms).split("\n")

    def pick_target(self):
        if self.targets and self.chance(0.8):
            return self.rng.choice(self.targets)
        if self.targets and self.chance(0.3):
            return self.rng.choice(self.targets) + ".missing"
        return self.rng.choice(EXTERNALS)

    def from_names(self, source):
        """Names to import from module ``source`` (a dotted string)."""
        key = tuple(source.split("."))
        pool = ["CONST", "__version__", "missing", "func"]
        if key in self.packages:
            pool += self.packages[key]["children"] * 3
        picked = self.rng.sample(pool, self.rng.choice((1, 1, 1, 2, 3)))
        out = []
        for n in picked:
            if self.chance(0.3):
                alias = self.new_id("_a")
                self.other_bound.append((alias, source + "." + n))
                out.append("%s as %s" % (n, alias))
            else:
                out.append(n)
        return ", ".join(out)

    def relative(self, target):
        """``target`` written relative to the current module (None if impossible)."""
        pkg, parts = self.cur_package, tuple(target.split("."))
        if self.chance(0.03) and pkg:
            return "." * (len(pkg) + 1)  # climbs above the top level: no edge
        levels = [lvl for lvl in range(1, len(pkg) + 1)
                  if parts[:len(pkg) - lvl + 1] == pkg[:len(pkg) - lvl + 1]]
        if not levels:
            return None
        level = self.rng.choice(levels)
        return "." * level + ".".join(parts[len(pkg) - level + 1:])

    def leaf(self, track, star_ok):
        """One import construct: ("stmt", lines) or ("expr", text)."""
        rng = self.rng
        choice = rng.choice(("import", "import", "import_as", "from_rel", "from_rel",
                             "from_abs", "from_abs", "star", "call", "call", "use", "use"))
        if choice == "star" and not star_ok:
            choice = "from_abs"
        if choice == "import":
            target = self.pick_target()
            own = [t for t in self.targets if t.split(".")[0] == self.cur[0]]
            if own and self.chance(0.35):
                # `import pkg.sub` inside pkg: binds the ancestor `pkg`, whose
                # attribute reads are the "uses" that make an edge to it.
                target = self.rng.choice(own)
            if track:
                first = target.split(".")[0]
                self.plain_bound.append((first, first))
            return "stmt", ["import %s" % target]
        if choice == "import_as":
            target, alias = self.pick_target(), self.new_id("_m")
            (self.plain_bound if track else self.other_bound).append((alias, target))
            return "stmt", ["import %s as %s" % (target, alias)]
        if choice in ("from_rel", "from_abs", "star"):
            target = self.pick_target()
            if choice == "from_rel" and self.chance(0.4) and self.cur_package:
                target = ".".join(self.cur_package)  # `from . import sibling`
            source = target
            if choice != "from_abs" or self.chance(0.2):
                source = self.relative(target) or target
            if choice == "star":
                return "stmt", ["from %s import *" % source]
            return "stmt", ["from %s import %s" % (source, self.from_names(target))]
        if choice == "call":
            func = rng.choice(("importlib.import_module", "import_module", "__import__"))
            target = self.pick_target()
            arg = '"%s"' % target
            if self.chance(0.1):  # forms that are not recognised
                arg = rng.choice(('f"%s"' % target, "'.' + %r" % target, "_name", '".%s"' % target))
            return "expr", "%s(%s)" % (func, arg)
        # A use: NAME.attr, NAME (usually) bound by a module-level plain import.
        names = self.plain_bound + self.other_bound
        if names and self.chance(0.85):
            here = ".".join(self.cur)
            ancestors = [b for b in self.plain_bound if here.startswith(b[1] + ".")]
            pool = self.plain_bound if self.plain_bound and self.chance(0.8) else names
            if ancestors and self.chance(0.6):
                pool = ancestors
            bound, module = rng.choice(pool)
        else:  # a name that is not (yet) bound by an import
            module = rng.choice(self.targets).split(".")[0] if self.targets else "os"
            bound = module
        attrs = ["__version__", "CONST", "missing", "func"]
        info = self.packages.get(tuple(module.split(".")))
        if info:
            attrs += info["children"]
        return "expr", "%s.%s" % (bound, rng.choice(attrs))

    def wrap_expr(self, kind, expr):
        """Statement lines that evaluate ``expr`` in the way ``kind`` says."""
        f, c = self.new_id("f"), self.new_id("C")
        return {
            "stmt": ["_ = %s" % expr],
            "lambda": ["%s = lambda: %s" % (f, expr)],
            "lambda_default": ["%s = lambda x=%s: x" % (f, expr)],
            "default": ["def %s(x=%s):" % (f, expr), "    pass"],
            "decorator": ["@%s" % expr, "def %s():" % f, "    pass"],
            "class_decorator": ["@%s" % expr, "class %s:" % c, "    pass"],
            "base": ["class %s(%s):" % (c, expr), "    pass"],
            "comprehension": ["_c = [%s for _i in range(1)]" % expr],
            "ann_module": ["_v: %s = 1" % expr],
            "ann_class": ["class %s:" % c, "    x: %s = 1" % expr],
            "ann_param": ["def %s(a: %s):" % (f, expr), "    pass"],
            "ann_return": ["def %s() -> %s:" % (f, expr), "    pass"],
            "ann_local": ["def %s():" % f, "    _v: %s = 1" % expr],
            "in_def": ["def %s():" % f, "    return %s" % expr],
        }[kind]

    def other_branch(self):
        kind, payload = self.leaf(track=False, star_ok=False)
        return payload if kind == "stmt" else ["_ = %s" % payload]

    def wrap_stmt(self, kind, body):
        f, c = self.new_id("f"), self.new_id("C")
        if kind == "def":
            return ["def %s():" % f] + indent(body)
        if kind == "async_def":
            return ["async def %s():" % f] + indent(body)
        if kind == "method":
            return ["class %s:" % c, "    def m(self):"] + indent(indent(body))
        if kind == "nested_def":
            return ["def %s():" % f, "    def inner():"] + indent(indent(body)) + ["    return inner"]
        if kind == "class":
            return ["class %s:" % c] + indent(body)
        if kind == "class_in_def":
            return ["def %s():" % f, "    class Inner:"] + indent(indent(body))
        if kind == "tc":
            out = ["if TYPE_CHECKING:"] + indent(body)
            return out + (["else:"] + indent(self.other_branch()) if self.chance(0.5) else [])
        if kind == "typing_tc":
            return ["if typing.TYPE_CHECKING:"] + indent(body)
        if kind == "elif_tc":
            return (["if _flag:"] + indent(self.other_branch()) + ["elif TYPE_CHECKING:"]
                    + indent(body) + ["else:"] + indent(self.other_branch()))
        if kind == "if_false":
            return ["if False:"] + indent(body)
        if kind == "if_not_tc":
            return ["if not TYPE_CHECKING:"] + indent(body)
        if kind == "try":
            return ["try:"] + indent(body) + ["except ImportError:"] + indent(self.other_branch())
        if kind == "with":
            return ["with contextlib.suppress(ImportError):"] + indent(body)
        if kind == "for":
            return ["for _i in range(1):"] + indent(body)
        if kind == "while_false":
            return ["while False:"] + indent(body)
        if kind == "match":
            return (["match _subject:", "    case 1:"] + indent(indent(body))
                    + ["    case _:"] + indent(indent(self.other_branch())))
        raise ValueError(kind)

    def statement(self):
        """A random import construct in 0-2 random wrappers."""
        rng = self.rng
        wrappers = [w for w in STMT_WRAPPERS if w != "match" or self.allow_match]
        chosen = [rng.choice(wrappers) for _ in range(rng.choice((0, 0, 0, 1, 1, 2)))]
        track = all(w in MODULE_LEVEL_WRAPPERS for w in chosen)
        star_ok = all(w in ("try", "with", "for", "tc", "typing_tc", "if_false",
                            "if_not_tc", "elif_tc", "while_false") for w in chosen)
        kind, payload = self.leaf(track, star_ok)
        if kind == "expr":
            lines = self.wrap_expr(rng.choice(EXPR_WRAPPERS), payload)
        else:
            lines = payload
        for wrapper in reversed(chosen):
            lines = self.wrap_stmt(wrapper, lines)
        return lines


def check_random(binary, index, seed, keep, verbose, uses_any_module=False):
    """Generate random project number ``index`` and check it; return pass/fail."""
    rng = random.Random("%d:%d" % (seed, index))
    base = tempfile.mkdtemp(prefix="diff_ast_")
    label = "random project %d (seed %d)" % (index, seed)
    try:
        project = ProjectGenerator(rng, sys.version_info >= (3, 10)).generate(base)
        diffs = check_project(binary, project, uses_any_module=uses_any_module)
        if diffs and keep:
            dest = os.path.join(keep, "seed%d-project%d" % (seed, index))
            shutil.rmtree(dest, ignore_errors=True)
            shutil.copytree(base, dest, symlinks=True)
            label += "; kept in %s" % os.path.join(dest, os.path.relpath(project, base))
        report(label, diffs, verbose)
        return not diffs
    finally:
        shutil.rmtree(base, ignore_errors=True)


# ---------------------------------------------------------------------------
# Main.
# ---------------------------------------------------------------------------

def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Differential test of decycle's import edges against Python's ast.")
    parser.add_argument("--decycle", help="path to the decycle binary")
    parser.add_argument("--random", type=int, default=0, metavar="N",
                        help="also check N randomly generated projects")
    parser.add_argument("--seed", type=int, default=1, metavar="S",
                        help="seed of the random projects (default 1)")
    parser.add_argument("--keep", metavar="DIR",
                        help="copy failing random projects into DIR")
    parser.add_argument("--uses-any-module", action="store_true",
                        help="apply the NAME.attr uses rule to every imported module, "
                             "not only to ancestor packages")
    parser.add_argument("-v", "--verbose", action="store_true", help="list passing projects too")
    parser.add_argument("--print-expected", action="store_true",
                        help="print this script's model of each PROJECT_DIR as JSON; run nothing")
    parser.add_argument("projects", nargs="*", metavar="PROJECT_DIR")
    args = parser.parse_args(argv)

    if args.print_expected:
        for project in args.projects:
            roots, excludes = None, ()
            if os.path.isdir(os.path.join(project, "input")) and os.path.isfile(os.path.join(project, "args")):
                roots, excludes, _ = golden_options(project)
                project = os.path.join(project, "input")
            model = ProjectModel(project, roots or None, excludes, args.uses_any_module)
            print(json.dumps(model_json(model), indent=2))
        return 0
    if not args.decycle:
        parser.error("--decycle is required")
    if not (os.path.isfile(args.decycle) and os.access(args.decycle, os.X_OK)):
        parser.error("not an executable file: %s" % args.decycle)
    if not args.projects and args.random <= 0:
        parser.error("nothing to check: give PROJECT_DIRs and/or --random N")
    binary = os.path.abspath(args.decycle)
    if args.keep:
        os.makedirs(args.keep, exist_ok=True)

    total = passed = skipped = 0
    for project in args.projects:
        label = project
        roots, excludes, extra = None, (), []
        if os.path.isdir(os.path.join(project, "input")) and os.path.isfile(os.path.join(project, "args")):
            try:
                roots, excludes, extra = golden_options(project)
            except SkipCase as exc:
                print("note: skipping %s: %s" % (project, exc))
                skipped += 1
                continue
            project = os.path.join(project, "input")
        elif not os.path.isdir(project):
            print("note: skipping %s: not a directory" % project)
            skipped += 1
            continue
        total += 1
        diffs = check_project(binary, project, roots or None, excludes, extra,
                              args.uses_any_module)
        report(label, diffs, args.verbose)
        passed += not diffs
    for index in range(args.random):
        total += 1
        passed += check_random(binary, index, args.seed, args.keep, args.verbose,
                               args.uses_any_module)
    if skipped:
        print("diff_ast: %d skipped" % skipped)
    print("diff_ast: %d projects, %d passed, %d failed" % (total, passed, total - passed))
    return 0 if passed == total else 1


if __name__ == "__main__":
    sys.exit(main())
