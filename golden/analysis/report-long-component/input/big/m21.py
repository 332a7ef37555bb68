from big.m22 import Base22


class Base21:
    pass


def f21():
    return 1


class C21(Base22):
    pass
