from big.m06 import f06


class Base05:
    pass


def f05():
    return 1


def g05():
    return f06()
