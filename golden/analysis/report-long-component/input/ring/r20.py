from ring.r21 import f21


def f20():
    return f21
