if False:  # pragma: no cover - for type checkers only
    from tasks.scheduler import Scheduler


class Worker:
    def __init__(self, scheduler: "Scheduler"):
        self.scheduler = scheduler

    def run_next(self):
        _, job = self.scheduler.queue.pop(0)
        return job()
