from big.m11 import f11


class Base10:
    pass


def f10():
    return 1


def g10():
    return f11()
