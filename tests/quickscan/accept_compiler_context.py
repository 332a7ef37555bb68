"""Doc""" "string."
from __future__ import annotations; from __future__ import division
from __future__ import (generator_stop,
                        absolute_import as a)
import os
from os import *


async def f():
    await os.sleep(1)
    x = [await os.sleep(i) for i in range(3)]
    async for a in os.b:
        if a:
            break
        continue
    async with os.lock:
        return x


def g(y):
    for a in y:
        try:
            pass
        finally:
            continue
    else:
        while y:
            break
    yield y
    h = lambda: (yield)

    class C:
        nonlocal y
        z = [i for i in os.path]

    def k():
        nonlocal y
        return y
    return C, h, k


while os.b:
    for a in os.c:
        break
    else:
        continue
if os.name:
    from os.path import *
