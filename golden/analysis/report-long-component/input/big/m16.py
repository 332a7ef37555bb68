from big.m17 import f17


class Base16:
    pass


def f16():
    return 1


def g16():
    return f17()
