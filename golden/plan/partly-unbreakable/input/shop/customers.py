from shop.orders import Order


class Customer:
    def __init__(self, name):
        self.name = name
        self.orders = []

    def place(self, number):
        order = Order(number, self)
        self.orders.append(order)
        return order
