import heapq

from tasks.worker import Worker


class Scheduler:
    def __init__(self):
        self.queue = []
        self.worker = Worker(self)

    def schedule(self, when, job):
        heapq.heappush(self.queue, (when, job))
