import os


def f():
    await os.sleep(1)
