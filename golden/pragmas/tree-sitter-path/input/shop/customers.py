"""Customers and their orders."""
from shop import (  # decycle: keep
    orders,
)

_CUSTOMERS = {}


def find(customer_id):
    return _CUSTOMERS.get(customer_id)


def new_order(customer_id):
    match customer_id:
        case int():
            return orders.Order(customer_id)
        case _:
            raise TypeError(customer_id)
