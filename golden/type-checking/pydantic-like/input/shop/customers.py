from shop.models import Order


class Customer:
    def __init__(self, name):
        self.name = name
        self.orders = []

    def place(self, number, total_cents):
        order = Order(number=number, customer=self, total_cents=total_cents)
        self.orders.append(order)
        return order

    def owns(self, value):
        return isinstance(value, Order) and value.customer is self

    def spent(self):
        return sum(order.total_cents for order in self.orders if isinstance(order, Order))

    def refund(self, order):
        credit = Order(number=f"{order.number}-CR", customer=self, total_cents=-order.total_cents)
        self.orders.append(credit)
        return credit
