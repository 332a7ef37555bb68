from geo.shapes import Polygon


class Projection:
    def apply(self, point):
        return point

    def project_all(self, polygons: list[Polygon]):
        return [polygon.project(self) for polygon in polygons]
