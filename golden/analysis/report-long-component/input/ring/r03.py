from ring.r04 import f04


def f03():
    return f04
