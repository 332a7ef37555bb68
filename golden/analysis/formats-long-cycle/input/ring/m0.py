from ring.m1 import f1


def f0():
    return f1
