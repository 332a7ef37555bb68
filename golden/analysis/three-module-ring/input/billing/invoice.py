from billing.tax import vat_for


class Invoice:
    def __init__(self, amount, country):
        self.amount = amount
        self.vat = vat_for(country, amount)
