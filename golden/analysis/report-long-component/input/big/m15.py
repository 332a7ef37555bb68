from big.m16 import Base16


class Base15:
    pass


def f15():
    return 1


class C15(Base16):
    pass
