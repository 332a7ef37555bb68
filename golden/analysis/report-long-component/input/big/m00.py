from big.m01 import Base01
from big.m10 import f10
from big.m20 import f20


class Base00:
    pass


def f00():
    return 1


class C00(Base01):
    pass




def h00():
    return f10() + f20()
