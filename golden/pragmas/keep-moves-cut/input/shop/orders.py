"""Orders; the customer module registers itself with them."""
from shop import customers


class Order:
    def __init__(self, customer_id):
        self.customer = customers.find(customer_id)
