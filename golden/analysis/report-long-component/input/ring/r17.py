from ring.r18 import f18


def f17():
    return f18
