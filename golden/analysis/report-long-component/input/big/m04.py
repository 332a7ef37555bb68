from big.m05 import f05


class Base04:
    pass


def f04():
    return 1


def g04():
    return f05()
