from jobs.queue import Queue


def drain(items):
    """Runs every queued job.""" \

    queue = Queue(items)
    return queue.run()
