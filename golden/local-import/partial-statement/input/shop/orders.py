"""Orders."""
from . import catalog, pricing


class Order:
    products = catalog.PRODUCTS

    def __init__(self, customer):
        self.customer = customer
        self.lines = []

    def add(self, sku, quantity):
        self.lines.append((self.products[sku], quantity))
        return self

    def total(self):
        return pricing.total(self)
