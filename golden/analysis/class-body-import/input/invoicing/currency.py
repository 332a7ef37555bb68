"""Currencies and conversion."""
from invoicing.invoice import Invoice


class Currency:
    def __init__(self, code):
        self.code = code

    def convert(self, invoice: Invoice, rate):
        return invoice.amount * rate
