from ring.m3 import f3


def f2():
    return f3
