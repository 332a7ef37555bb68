from . import pricing
from .. import config
from ..catalog.items import Item

CURRENCY = "EUR"


class Checkout:
    def __init__(self, items: list[Item]):
        self.items = items

    def total(self):
        subtotal = sum(pricing.price_of(item) for item in self.items)
        return subtotal if config.TAX_INCLUDED else subtotal * 1.2
