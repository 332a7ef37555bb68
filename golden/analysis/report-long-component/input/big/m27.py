from big.m28 import Base28


class Base27:
    pass


def f27():
    return 1


class C27(Base28):
    pass
