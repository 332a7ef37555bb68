"""Customer accounts."""
from shop.orders import Order


class Customer:
    def __init__(self, email):
        self.email = email
        self.orders = []

    def place_order(self):
        order = Order(customer=self)
        self.orders.append(order)
        return order
