"""Exponential backoff between retries."""
from .client import RETRIES


class Backoff:
    def __init__(self, base, attempts=RETRIES):
        self.base = base
        self.attempts = attempts

    def delays(self):
        return [self.base * 2 ** n for n in range(self.attempts)]
