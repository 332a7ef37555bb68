from ring.r01 import f01


def f00():
    return f01
