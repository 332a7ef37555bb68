from big.m13 import Base13
from big.m02 import f02


class Base12:
    pass


def f12():
    return 1


class C12(Base13):
    pass




def h12():
    return f02()
