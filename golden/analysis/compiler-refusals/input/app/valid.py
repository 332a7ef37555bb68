"""Docstring""" " in two parts."
from __future__ import annotations; from __future__ import division
from __future__ import (generator_stop,
                        absolute_import as absolute)
import asyncio
import os

if os.name:
    from os.path import *

ticks = (await asyncio.sleep(t) for t in range(3))


async def poll(entries):
    await asyncio.sleep(0)
    sizes = [await asyncio.sleep(e) for e in entries]
    async for entry in entries:
        if entry:
            break
        continue
    async with asyncio.Lock():
        return sizes


def walk(top):
    for name in os.listdir(top):
        try:
            pass
        finally:
            continue
    else:
        while top:
            break
    yield top
    later = lambda: (yield)

    class Inner:
        nonlocal top

    def deeper():
        nonlocal top
        return top
    return Inner, later, deeper
