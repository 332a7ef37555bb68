from ring.m8 import f8


def f7():
    return f8
