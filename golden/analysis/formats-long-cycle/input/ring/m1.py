from ring.m2 import f2


def f1():
    return f2
