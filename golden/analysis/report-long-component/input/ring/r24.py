from ring.r25 import f25


def f24():
    return f25
