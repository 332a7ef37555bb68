from big.m10 import Base10


class Base09:
    pass


def f09():
    return 1


class C09(Base10):
    pass
