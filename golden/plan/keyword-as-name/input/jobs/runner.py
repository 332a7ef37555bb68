from jobs.queue import Queue
import os
WORKERS = int(os.environ.get("WORKERS", "2"))
elif


def run():
    return Queue()
