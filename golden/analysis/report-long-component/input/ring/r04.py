from ring.r05 import f05


def f04():
    return f05
