from ring.r17 import f17


def f16():
    return f17
