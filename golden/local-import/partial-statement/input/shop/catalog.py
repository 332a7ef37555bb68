class Product:
    def __init__(self, sku, name, price):
        self.sku = sku
        self.name = name
        self.price = price


PRODUCTS = {p.sku: p for p in (Product("pen", "Ballpoint pen", 150), Product("ink", "Ink cartridge", 899))}
