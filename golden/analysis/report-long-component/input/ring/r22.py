from ring.r23 import f23


def f22():
    return f23
