"""The shopping basket."""
import cart.rules as rules


class Basket:
    max_items = rules.MAX_ITEMS

    def __init__(self, free_shipping_from=rules.FREE_SHIPPING_FROM):
        self.items = []
        self.free_shipping_from = free_shipping_from

    def add(self, name, price):
        if len(self.items) >= self.max_items:
            raise ValueError(f"a basket holds at most {self.max_items} items")
        self.items.append((name, price))
        return self

    def shipping_is_free(self):
        return sum(price for _, price in self.items) >= self.free_shipping_from
