import os

async with os.lock:
    pass
