from ..billing import invoices


class Order:
    def __init__(self, number, amount):
        self.number = number
        self.amount = amount
        self.paid = False

    def invoice(self):
        return invoices.Invoice.for_order(self)

    def pay(self):
        self.paid = True
        return invoices.receipt(self)
