from geometry.vector import Vector

__all__ = ["Matrix", "identity"]


class Matrix:
    def __init__(self, rows):
        self.rows = rows

    def apply(self, components):
        return [sum(a * b for a, b in zip(row, components)) for row in self.rows]

    def column(self, index) -> Vector:
        return Vector(*(row[index] for row in self.rows))


def identity(size):
    return Matrix([[1 if i == j else 0 for j in range(size)] for i in range(size)])
