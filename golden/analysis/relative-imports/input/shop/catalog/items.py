from ..cart import checkout


class Item:
    def __init__(self, sku, price):
        self.sku = sku
        self.price = price

    def buy(self):
        return checkout.Checkout([self])
