from big.m00 import f00


class Base29:
    pass


def f29():
    return 1


def g29():
    return f00()
