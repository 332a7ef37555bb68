from shop.cart import Cart


class Item:
    def __init__(self, name):
        self.name = name

    def in_new_cart(self):
        return Cart().add(self)
