import os

with os.lock as (a, *[b]):
    pass
