from ring.m7 import f7


def f6():
    return f7
