from big.m26 import f26


class Base25:
    pass


def f25():
    return 1


def g25():
    return f26()
