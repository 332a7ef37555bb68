from big.m03 import f03


class Base02:
    pass


def f02():
    return 1


def g02():
    return f03()
