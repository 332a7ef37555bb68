from acme.billing.ledger import post_entry


class Invoice:
    def __init__(self, number, amount):
        self.number = number
        self.amount = amount

    def book(self):
        return post_entry(self.number, self.amount)
