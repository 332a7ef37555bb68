from __future__ import annotations

from shop.item import Item
from os import path \


class Cart:
    def __init__(self):
        self.items = []

    def add(self, item: Item) -> Cart:
        self.items.append(item)
        return self


SEP = path.sep
