from tools.cleanup import purge


def log(message):
    print(message)


CLEANERS = [purge]
