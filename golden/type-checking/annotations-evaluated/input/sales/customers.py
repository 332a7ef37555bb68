from sales.orders import Order


class Customer:
    def __init__(self, name):
        self.name = name
        self.orders = []

    def place(self, number):
        order = Order(number).assign(self)
        self.orders.append(order)
        return order

    def reorder(self, order):
        again = Order(f"{order.number}-R").assign(self)
        self.orders.append(again)
        return again

    def owns(self, value):
        return isinstance(value, Order) and value.customer is self

    def adopt(self, number):
        order = Order(number)
        return order.assign(self) if not self.orders else None
