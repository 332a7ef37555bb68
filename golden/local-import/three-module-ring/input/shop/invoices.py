from shop.orders import Order


class Invoice:
    def __init__(self, number, order):
        if not isinstance(order, Order):
            raise TypeError("an invoice needs an Order")
        self.number = number
        self.order = order

    @property
    def amount(self):
        return self.order.total()


class Billable:
    def __init__(self):
        self.invoices = []

    def bill(self, order):
        invoice = Invoice(f"INV-{len(self.invoices) + 1:04d}", order)
        self.invoices.append(invoice)
        return invoice

    def quick_order(self, number, *lines):
        order = Order(number, self)
        for line in lines:
            order.add(*line)
        return self.bill(order)
