"""Products in the catalogue."""
from app.pricing import VAT_RATE


class Product:
    def __init__(self, name, net_price):
        self.name = name
        self.net_price = net_price

    def gross_price(self, rate=VAT_RATE):
        return round(self.net_price * (1 + rate), 2)
