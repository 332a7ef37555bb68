from ring.r16 import f16


def f15():
    return f16
