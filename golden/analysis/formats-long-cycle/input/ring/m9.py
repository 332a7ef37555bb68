from ring.m0 import f0


def f9():
    return f0
