from shop.customers import Customer


class Order:
    def __init__(self, number, customer):
        self.number = number
        self.customer = customer


def orders_for(customer: Customer, orders):
    return [order.number for order in orders if order.customer is customer]
