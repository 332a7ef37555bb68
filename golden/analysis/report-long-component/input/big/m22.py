from big.m23 import f23


class Base22:
    pass


def f22():
    return 1


def g22():
    return f23()
