"""Units of measure."""
from inventory.items import Item


class Unit:
    def __init__(self, name, grams):
        self.name = name
        self.grams = grams


def convert(quantity, source, target):
    return quantity * source.grams / target.grams


def weigh(item: Item, unit: Unit):
    return round(item.in_units(unit), 3)
