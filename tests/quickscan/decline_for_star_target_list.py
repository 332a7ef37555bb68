import os

for a, *[b] in os.environ:
    pass
