from ring.r11 import f11


def f10():
    return f11
