from ring.r09 import f09


def f08():
    return f09
