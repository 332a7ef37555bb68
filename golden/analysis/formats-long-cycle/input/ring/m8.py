from ring.m9 import f9


def f8():
    return f9
