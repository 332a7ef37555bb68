from big.m19 import Base19


class Base18:
    pass


def f18():
    return 1


class C18(Base19):
    pass
