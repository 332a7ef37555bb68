from big.m04 import Base04


class Base03:
    pass


def f03():
    return 1


class C03(Base04):
    pass
