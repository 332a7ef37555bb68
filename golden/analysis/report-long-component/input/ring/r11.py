from ring.r12 import f12


def f11():
    return f12
