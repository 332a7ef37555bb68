"""Units of measure."""
from inventory.items import \
    Item


class Unit:
    def __init__(self, name, factor):
        self.name = name
        self.factor = factor


def convert(quantity, source: Unit, target: Unit):
    return quantity * source.factor / target.factor


def total_weight(items: list[Item], unit: Unit):
    return sum(item.in_units(unit) for item in items)
