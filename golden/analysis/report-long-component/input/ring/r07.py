from ring.r08 import f08


def f07():
    return f08
