from ring.r15 import f15


def f14():
    return f15
