import os


def f():
    from os import *
