from big.m18 import f18


class Base17:
    pass


def f17():
    return 1


def g17():
    return f18()
