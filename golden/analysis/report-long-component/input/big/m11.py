from big.m12 import f12


class Base11:
    pass


def f11():
    return 1


def g11():
    return f12()
