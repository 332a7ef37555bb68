from ring.r03 import f03


def f02():
    return f03
