from ring.r22 import f22


def f21():
    return f22
