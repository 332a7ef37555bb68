from shop.customers import GUEST


class Order:
    def __init__(self, number, customer=GUEST):
        self.number = number
        self.customer = customer
        self.lines = []

    def add(self, sku, quantity, unit_price):
        self.lines.append((sku, quantity, unit_price))
        return self

    def total(self):
        return sum(quantity * price for _, quantity, price in self.lines)
