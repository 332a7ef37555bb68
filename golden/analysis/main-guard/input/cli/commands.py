from cli import runner


def run_all():
    return runner.start()
