from jobs.runner import WORKERS


class Queue:
    size = WORKERS
