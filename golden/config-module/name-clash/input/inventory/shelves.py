"""Shelves."""
from .stock import LIMIT


class Shelf:
    capacity = LIMIT

    def __init__(self, name):
        self.name = name
