import shop.pricing as pricing


class LineItem:
    def __init__(self, sku, quantity, unit_cents):
        self.sku = sku
        self.quantity = quantity
        self.unit_cents = unit_cents

    def subtotal(self):
        return self.quantity * self.unit_cents


class Cart:
    def __init__(self):
        self.items = []

    def add(self, sku, quantity, unit_cents):
        self.items.append(LineItem(sku, quantity, unit_cents))
        return self

    def total(self):
        return pricing.total_cents(self)

    def summary(self):
        return f"{len(self.items)} items, {pricing.format_cents(self.total())}"
