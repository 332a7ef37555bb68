import os
def f():
    return (1,
2, os.x)
x = [
    1,
]
