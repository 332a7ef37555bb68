import os


def f():
    async for a in os.b:
        pass
