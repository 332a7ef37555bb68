import os

for folder, _, names in sorted(os.walk("inventory")):
    for name in sorted(names):
        if name.endswith(".py"):
            with open(os.path.join(folder, name), "rb") as handle:
                data = handle.read()
            print(name, "bare LF:", b"\n" in data.replace(b"\r\n", b""), "CRLF:", data.count(b"\r\n") > 0)

import inventory.items
import inventory.units

kg = inventory.units.Unit("kg", 1000)
g = inventory.units.Unit("g", 1)
flour = inventory.items.Item("flour", 2.5, kg)
print(flour.in_units(g), inventory.units.weigh(flour, g), flour.describe(g))
