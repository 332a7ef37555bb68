from app.customers import Customer


def order_for(name):
    return Order(Customer(name))


class Order:
    def __init__(self, customer, total=0, currency):
        self.customer = customer
