from ring.r19 import f19


def f18():
    return f19
