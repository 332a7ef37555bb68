"""Order lines."""
from .orders import LIMIT


class OrderLine:
    max_per_order = LIMIT

    def __init__(self, sku, quantity):
        self.sku = sku
        self.quantity = quantity
