from big.m24 import f24


class Base23:
    pass


def f23():
    return 1


def g23():
    return f24()
