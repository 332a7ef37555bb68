from ring.r00 import f00


def f25():
    return f00
