from ring.r13 import f13


def f12():
    return f13
