from ring.r06 import f06


def f05():
    return f06
