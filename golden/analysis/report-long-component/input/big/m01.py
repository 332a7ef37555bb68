from big.m02 import f02


class Base01:
    pass


def f01():
    return 1


def g01():
    return f02()
