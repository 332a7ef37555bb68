"""Inventory items."""
from inventory.units import (
    Unit,
    convert,
)


class Item:
    def __init__(self, sku, quantity, unit: Unit):
        self.sku = sku
        self.quantity = quantity
        self.unit = unit

    def in_units(self, target: Unit):
        return convert(self.quantity, self.unit, target)
