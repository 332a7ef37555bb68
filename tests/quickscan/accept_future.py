from __future__ import annotations
import os
x: os.Path = 1
def f(a: os.A) -> os.B:
    pass
class C:
    y: os.Y
