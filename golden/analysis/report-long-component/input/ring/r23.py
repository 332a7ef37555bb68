from ring.r24 import f24


def f23():
    return f24
