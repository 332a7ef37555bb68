import os
f = lambda: os.deferred
g = lambda x, y=os.now: os.later
h = [lambda: os.a for _ in range(2)]
k = {'k': lambda a, b: os.c if a else os.d, 'j': os.e}
m = sorted(x, key=lambda v: v.os, reverse=os.rev)
n = lambda *a, **k: (yield)
