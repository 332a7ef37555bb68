from ring.r14 import f14


def f13():
    return f14
