from ring.m5 import f5


def f4():
    return f5
