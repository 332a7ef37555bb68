# starred items that tree-sitter takes: a name first outside brackets and in
# subscripts, any operand in calls, lists and tuples in parentheses. Outside
# brackets it reads `*os.pathsep` as `(*os).pathsep`, which the facts must
# see through (the attribute reads, the import calls: fuzz_facts)
import importlib
import os

a = os.sep, *os.pathsep
b = *os.environ,
c = os.environ[*os.sep]
d = print(os.sep, *"ab")
e = [os.sep, *"ab", *(1, 2)]
f = (os.sep, *1)
for g in os.sep, *os.linesep:
    pass
*h, i = os.sep
j = 1, *os.path.sep
k = 1, *importlib.import_module("json").loads
m = 1, *__import__("json").dumps
# in targets, a star before a name, an attribute or a subscript
n, *o.p = os.sep
q, *os.environ[0] = os.sep
for r, *s in os.environ:
    pass
t = [u for u, *v in os.environ]
w = [x for (x, *y) in os.environ]
z = [(a, *[b]) for a in os.sep]
