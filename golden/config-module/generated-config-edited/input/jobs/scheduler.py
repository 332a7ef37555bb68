"""Spreads jobs over the workers."""
from .config import LIMIT
from .worker import Worker

POOL = [Worker(number) for number in range(2)]


def capacity():
    return LIMIT * len(POOL)
