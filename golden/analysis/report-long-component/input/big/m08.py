from big.m09 import f09


class Base08:
    pass


def f08():
    return 1


def g08():
    return f09()
