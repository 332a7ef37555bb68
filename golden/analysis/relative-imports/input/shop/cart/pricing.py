from .checkout import Checkout


def price_of(item):
    return item.price


def preview(items):
    return Checkout(items).total()
