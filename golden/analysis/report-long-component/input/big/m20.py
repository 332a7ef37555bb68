from big.m21 import f21


class Base20:
    pass


def f20():
    return 1


def g20():
    return f21()
