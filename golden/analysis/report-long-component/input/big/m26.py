from big.m27 import f27


class Base26:
    pass


def f26():
    return 1


def g26():
    return f27()
