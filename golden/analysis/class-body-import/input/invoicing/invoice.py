"""Invoices."""


class Invoice:
    from invoicing.currency import Currency

    default_currency = Currency("EUR")

    def __init__(self, amount):
        self.amount = amount
