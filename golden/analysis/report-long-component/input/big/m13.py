from big.m14 import f14


class Base13:
    pass


def f13():
    return 1


def g13():
    return f14()
