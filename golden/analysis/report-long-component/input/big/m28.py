from big.m29 import f29


class Base28:
    pass


def f28():
    return 1


def g28():
    return f29()
