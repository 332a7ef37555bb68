from shop.invoices import Billable


class Customer(Billable):
    def __init__(self, name, email):
        super().__init__()
        self.name = name
        self.email = email


GUEST = Customer("guest", "guest@example.com")
