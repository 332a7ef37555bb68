"""Units and rounding."""
from geo.shapes import Square

# Decimal places kept in every result.
PRECISION = 3

UNIT_SQUARE = Square(1)


def scale(shape, factor):
    return Square(shape.side * factor)
