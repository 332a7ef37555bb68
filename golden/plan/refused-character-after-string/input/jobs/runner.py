from jobs.queue import Queue

import os
NAME = "runner"
WORKERS = int(os.environ.get("WORKERS", "2"))


def run():
    return Queue()
