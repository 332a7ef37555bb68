import os
def f():
    x = 1
# comment at col 0
    y = 2
