from big.m20 import f20


class Base19:
    pass


def f19():
    return 1


def g19():
    return f20()
