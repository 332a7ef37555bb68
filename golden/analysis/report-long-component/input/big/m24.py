from big.m25 import Base25


class Base24:
    pass


def f24():
    return 1


class C24(Base25):
    pass
