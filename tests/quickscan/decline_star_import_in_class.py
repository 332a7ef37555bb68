import os


class C:
    from os import *
