from ring.r02 import f02


def f01():
    return f02
