from big.m07 import Base07


class Base06:
    pass


def f06():
    return 1


class C06(Base07):
    pass
