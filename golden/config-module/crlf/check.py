import os

for folder, _, names in sorted(os.walk("geo")):
    for name in sorted(names):
        if name.endswith(".py"):
            with open(os.path.join(folder, name), "rb") as handle:
                data = handle.read()
            assert b"\n" not in data.replace(b"\r\n", b""), f"{name} has a bare LF"
            print(name, "CRLF:", data.count(b"\r\n") > 0)

import geo.shapes
import geo.units

print(geo.units.PRECISION, geo.shapes.Square.area.__defaults__)
print(geo.shapes.Square(1.23456).area(), geo.units.scale(geo.units.UNIT_SQUARE, 0.3333).area(), geo.units.UNIT_SQUARE.area(1))
