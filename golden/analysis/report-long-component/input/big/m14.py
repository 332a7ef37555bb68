from big.m15 import f15


class Base14:
    pass


def f14():
    return 1


def g14():
    return f15()
