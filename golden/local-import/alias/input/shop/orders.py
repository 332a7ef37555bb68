from .invoices import Invoice


class Order:
    def __init__(self, customer):
        self.customer = customer
        self.lines = []

    def add(self, sku, quantity, price):
        self.lines.append((sku, quantity, price))
        return self

    def total(self):
        return sum(quantity * price for _, quantity, price in self.lines)

    def invoice(self, number) -> Invoice:
        return Invoice(number, self)
