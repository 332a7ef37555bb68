"""Inventory items."""
from inventory.units import convert


class Item:
    def __init__(self, sku, quantity, unit):
        self.sku = sku
        self.quantity = quantity
        self.unit = unit

    def in_units(self, target):
        return convert(self.quantity, self.unit, target)

    def describe(self, target):
        return f"{self.sku}: {convert(self.quantity, self.unit, target):g} {target.name}"
