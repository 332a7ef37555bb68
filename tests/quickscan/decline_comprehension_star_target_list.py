import os

names = [a for a, *[b] in os.environ]
