import os


def names(entries):
    async for entry in entries:
        yield entry.name
