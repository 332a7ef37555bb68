import os


async def f():
    g = lambda: await os.sleep(1)
