from ring.m6 import f6


def f5():
    return f6
