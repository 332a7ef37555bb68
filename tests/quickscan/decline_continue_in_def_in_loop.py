import os

while os.b:
    def f():
        continue
