x = 1.5e100.real
"a".__class__ = str
f(a), g(b),
x = a,
