from .orders import Order as OrderModel


class Invoice:
    def __init__(self, number, order):
        self.number = number
        self.order = order

    def amount(self):
        return self.order.total()


def invoice_for(number, customer, lines):
    order = OrderModel(customer)
    for line in lines:
        order.add(*line)
    return Invoice(number, order)


def is_order(value):
    return isinstance(value, OrderModel)
