import os


def f(x=(yield)):
    pass
