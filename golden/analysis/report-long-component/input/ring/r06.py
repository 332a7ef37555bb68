from ring.r07 import f07


def f06():
    return f07
