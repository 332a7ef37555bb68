from jobs.queue import Queue

import os
# the runner
WORKERS = int(os.environ.get("WORKERS", "2"))


def run():
    return Queue()
