from big.m08 import f08


class Base07:
    pass


def f07():
    return 1


def g07():
    return f08()
