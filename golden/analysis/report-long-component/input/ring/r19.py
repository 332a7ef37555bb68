from ring.r20 import f20


def f19():
    return f20
