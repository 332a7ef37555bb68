from sales.customers import Customer


class Order:
    def __init__(self, number):
        self.number = number
        self.customer = None

    def assign(self, customer: Customer) -> "Order":
        self.customer = customer
        return self


def orders_of(customer: Customer, orders):
    return [order.number for order in orders if order.customer is customer]
