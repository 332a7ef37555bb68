from billing.prices import Price


def total(items): return Price.of(sum(item.cents for item in items))


class Line:
    def __init__(self, label, cents):
        self.label = label
        self.cents = cents

    def price(self): return Price.of(self.cents)
