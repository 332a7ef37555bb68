"""Retrying failed jobs."""
from .alerts import ALERT_AFTER


class RetryPolicy:
    attempts = ALERT_AFTER + 2

    def __init__(self, delay=1.5):
        self.delay = delay

    def schedule(self):
        return [self.delay * n for n in range(1, self.attempts + 1)]
