from ring.r10 import f10


def f09():
    return f10
