# a generator expression as the only argument, also after a call with keywords
import os

A = sorted(p for p in os.environ)
B = dict(a=1)
C = max(x for x in sorted(B, key=len))
D = os.path.join(*(p for p in os.environ))
