"""Workers run the queued jobs."""
from .config import LIMIT


class Worker:
    max_jobs = LIMIT

    def __init__(self, number):
        self.number = number
        self.jobs = []

    def accept(self, job):
        if len(self.jobs) >= self.max_jobs:
            return False
        self.jobs.append(job)
        return True
