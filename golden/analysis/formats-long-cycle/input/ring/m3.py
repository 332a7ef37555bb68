from ring.m4 import f4


def f3():
    return f4
