from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from geo.projection import Projection
else:
    from geo.units import Meters


class Polygon:
    def __init__(self, points, unit=Meters):
        self.points = points
        self.unit = unit

    def project(self, projection: "Projection"):
        return [projection.apply(point) for point in self.points]
