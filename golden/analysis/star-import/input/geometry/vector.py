from geometry.matrix import *


class Vector:
    def __init__(self, *components):
        self.components = components

    def transform(self, matrix: "Matrix"):
        return Vector(*matrix.apply(self.components))


UNIT_X = Vector(1, 0)
ROTATE_90 = identity(2)
