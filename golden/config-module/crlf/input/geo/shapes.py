"""Shapes."""
from geo.units import PRECISION


class Square:
    def __init__(self, side):
        self.side = side

    def area(self, digits=PRECISION):
        return round(self.side * self.side, digits)
